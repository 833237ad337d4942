/** OpenCode's store: its SQLite database (opened read-only) and the older JSON `storage/` tree. */
import { join } from "node:path";
import { obj, str, tryParse } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import type { HomeDirs } from "../shared/home_dirs.ts";
import { source } from "./source.ts";
import { entries, fileInfo, head, inside, isoOf, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

const SESSION_FILE_BYTES = 64 * 1024;

/** OpenCode sessions whose directory is in this repository. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const rows = [...await fromDatabase(dirs), ...await fromStorage(dirs)];
    const found = new Map<string, FoundSession>();
    for (const row of rows) {
      if (!isValidSessionId(row.id) || !inside(row.directory, roots) || found.has(row.id)) continue;
      if (since !== null && Date.parse(row.end) < since) continue;
      found.set(row.id, {
        agent: "opencode",
        id: row.id,
        cwd: row.directory,
        read: () => source.whole!({ sessionId: row.id, time: row.end }, dirs, false),
        ...(row.start ? { start: row.start } : {}),
        end: row.end,
      });
    }
    return [...found.values()];
  },
};

interface Row {
  id: string;
  directory: string;
  start?: string;
  end: string;
}

async function fromDatabase(dirs: HomeDirs): Promise<Row[]> {
  const path = dirs.opencodeDb ?? join(dirs.data, "opencode", "opencode.db");
  if (!(await fileInfo(path))) return [];
  try {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = db.prepare("SELECT id, directory, time_created, time_updated FROM session")
        .all() as Record<string, unknown>[];
      return rows.flatMap((r) => {
        const id = str(r.id);
        const directory = str(r.directory);
        const end = isoOf(r.time_updated) ?? isoOf(r.time_created);
        if (!id || !directory || !end) return [];
        const start = isoOf(r.time_created);
        return [{ id, directory, end, ...(start ? { start } : {}) }];
      });
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/** opencode 1.1 and older: `storage/session/<project>/<id>.json` with `directory` and `time`. */
async function fromStorage(dirs: HomeDirs): Promise<Row[]> {
  const rows: Row[] = [];
  for (const project of await entries(join(dirs.data, "opencode", "storage", "session"))) {
    for (const file of await entries(project.path)) {
      if (!file.isFile || !file.name.endsWith(".json")) continue;
      const info = await fileInfo(file.path);
      const text = info && info.size <= SESSION_FILE_BYTES
        ? await head(file.path, SESSION_FILE_BYTES)
        : null;
      const session = obj(tryParse(text ?? ""));
      const id = str(session?.id);
      const directory = str(session?.directory);
      if (!info || !id || !directory) continue;
      const time = obj(session?.time);
      const start = isoOf(time?.created);
      rows.push({
        id,
        directory,
        end: isoOf(time?.updated) ?? mtimeOf(info),
        ...(start ? { start } : {}),
      });
    }
  }
  return rows;
}
