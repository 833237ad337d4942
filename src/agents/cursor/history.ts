/** Cursor's stores: agent transcripts under `~/.cursor/projects/<slug>/agent-transcripts/` and the
 * cursor-agent CLI's `~/.cursor/chats/<md5 of the workspace>/<id>/store.db`. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { obj, tryParse } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import { readCursorStore } from "./store_db.ts";
import { entries, fileInfo, head, isoOf, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

/** A workspace path as Cursor names its project folder (lossy: compared in this form only). */
function slug(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
}

/** Cursor sessions of this repository's roots (transcripts name no directory: the folder does). */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const base = join(dirs.home, ".cursor");
    const found = new Map<string, FoundSession>();
    const add = (session: FoundSession) => {
      if (since !== null && Date.parse(session.end) < since) return;
      if (!found.has(session.id)) found.set(session.id, session);
    };
    for (const project of await entries(join(base, "projects"))) {
      const root = roots.find((r) => slug(r) === slug(project.name));
      if (!root) continue;
      for (const item of await entries(join(project.path, "agent-transcripts"))) {
        const id = item.name.replace(/\.jsonl$/, "");
        const path = item.isDirectory ? join(item.path, `${id}.jsonl`) : item.path;
        const info = await fileInfo(path);
        if (!info || !isValidSessionId(id) || !path.endsWith(".jsonl")) continue;
        add({ agent: "cursor", id, cwd: root, path, end: mtimeOf(info) });
      }
    }
    for (const root of roots) {
      const dir = join(base, "chats", createHash("md5").update(root).digest("hex"));
      for (const chat of await entries(dir)) {
        const db = await fileInfo(join(chat.path, "store.db"));
        if (!chat.isDirectory || !db || !isValidSessionId(chat.name)) continue;
        const meta = obj(tryParse(await head(join(chat.path, "meta.json"), 64 * 1024) ?? ""));
        const start = isoOf(meta?.createdAtMs);
        add({
          agent: "cursor",
          id: chat.name,
          cwd: root,
          read: () => readCursorStore(dirs.home, chat.name),
          ...(start ? { start } : {}),
          end: isoOf(meta?.updatedAtMs) ?? mtimeOf(db),
        });
      }
    }
    return [...found.values()];
  },
};
