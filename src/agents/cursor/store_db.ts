/** The cursor-agent CLI's chat store (`~/.cursor/chats/<hash>/<id>/store.db`) as JSONL messages. */
import { join } from "node:path";
import { statOrNull } from "../../io/fs.ts";
import { listDir } from "../shared/home_dirs.ts";

/** The JSON message blobs of session `id`, one per line in storage order, or null without a store. */
export async function readCursorStore(home: string, id: string): Promise<string | null> {
  const chats = join(home, ".cursor", "chats");
  let path: string | null = null;
  for (const entry of await listDir(chats)) {
    const candidate = join(chats, entry.name, id, "store.db");
    if ((await statOrNull(candidate))?.isFile) path = candidate;
  }
  if (!path) return null;
  try {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = db.prepare("SELECT data FROM blobs ORDER BY rowid").all();
      const decoder = new TextDecoder("utf-8", { fatal: true });
      const lines = rows.flatMap((row) => {
        const data = (row as { data: unknown }).data;
        try {
          const text = typeof data === "string" ? data : decoder.decode(data as Uint8Array);
          const value = JSON.parse(text);
          return value && typeof value === "object" && "role" in value
            ? [JSON.stringify(value)]
            : [];
        } catch {
          return [];
        }
      });
      return lines.length ? lines.join("\n") + "\n" : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
