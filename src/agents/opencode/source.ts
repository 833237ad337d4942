/** Where OpenCode keeps sessions: its SQLite database (read-only), its legacy JSON storage, or what
 * `opencode export <id>` prints; the store keeps the session as one export document. */
import { join } from "node:path";
import { obj, tryParse } from "../../core/json.ts";
import { readTextOrNull, statOrNull } from "../../io/fs.ts";
import { programOutput } from "../../io/program.ts";
import { type HomeDirs, listDir } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";

type Row = Record<string, unknown>;

/** The session built whole; `opencode export` is spawned only when `final` (at a stop or end). */
export const source: TranscriptSource = {
  whole: (query, dirs, final) => readOpenCodeSession(query.sessionId, dirs, final),
};

/** The session as export JSON text, or null when no source knows it; `mayExport` allows spawning opencode. */
async function readOpenCodeSession(
  id: string,
  dirs: HomeDirs,
  mayExport: boolean,
): Promise<string | null> {
  const db = dirs.opencodeDb ?? join(dirs.data, "opencode", "opencode.db");
  const doc = ((await statOrNull(db))?.isFile ? await fromDatabase(db, id) : null) ??
    await fromStorage(join(dirs.data, "opencode", "storage"), id) ??
    (mayExport ? await fromExport(id) : null);
  return doc ? JSON.stringify(doc) + "\n" : null;
}

async function fromDatabase(path: string, id: string): Promise<Row | null> {
  try {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const session = db.prepare("SELECT * FROM session WHERE id = ?").get(id) as Row | undefined;
      if (!session) return null;
      const messages = db.prepare(
        "SELECT id, data FROM message WHERE session_id = ? ORDER BY time_created, id",
      ).all(id) as Row[];
      const parts = db.prepare(
        "SELECT id, message_id, data FROM part WHERE session_id = ? ORDER BY time_created, id",
      ).all(id) as Row[];
      return {
        info: {
          id,
          title: session.title,
          directory: session.directory,
          version: session.version,
          time: { created: session.time_created, updated: session.time_updated },
        },
        messages: messages.map((m) => ({
          info: { id: m.id, sessionID: id, ...parseObject(m.data) },
          parts: parts.filter((p) => p.message_id === m.id).map((p) => ({
            id: p.id,
            sessionID: id,
            messageID: m.id,
            ...parseObject(p.data),
          })),
        })),
      };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** opencode 1.1 and older: `storage/{session/<project>/<id>,message/<id>/<msg>,part/<msg>/<prt>}.json`. */
async function fromStorage(root: string, id: string): Promise<Row | null> {
  let info: Row | null = null;
  for (const project of await names(join(root, "session"))) {
    info ??= parseObject(await readTextOrNull(join(root, "session", project, `${id}.json`)));
  }
  if (!info) return null;
  const messages = [];
  for (const file of (await names(join(root, "message", id))).sort()) {
    const message = parseObject(await readTextOrNull(join(root, "message", id, file)));
    if (!message) continue;
    const dir = join(root, "part", String(message.id ?? file.replace(/\.json$/, "")));
    const parts = [];
    for (const part of (await names(dir)).sort()) {
      const value = parseObject(await readTextOrNull(join(dir, part)));
      if (value) parts.push(value);
    }
    messages.push({ info: message, parts });
  }
  return { info, messages };
}

/** The capture holds the session's lock meanwhile, and other hooks take a lock older than 10 s for
 * a dead one: the export gets well under that. */
const EXPORT_TIMEOUT_MS = 5_000;

async function fromExport(id: string): Promise<Row | null> {
  const text = await programOutput("opencode", ["export", id], EXPORT_TIMEOUT_MS);
  return text === null ? null : parseObject(text.slice(text.indexOf("{")));
}

async function names(dir: string): Promise<string[]> {
  return (await listDir(dir)).map((entry) => entry.name);
}

function parseObject(text: unknown): Row | null {
  return typeof text === "string" ? obj(tryParse(text)) ?? null : null;
}
