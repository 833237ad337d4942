/** Codex's store: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl` and `archived_sessions/`. */
import { join } from "node:path";
import { obj, str } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import { entries, type Entry, fileInfo, headUntil, inside, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

/** The first line (`session_meta`) holds the base instructions: tens of KiB. */
const HEAD_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;

/** Codex rollouts whose `session_meta` names a working directory of this repository. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const files: Entry[] = [];
    const sessions = join(dirs.codex, "sessions");
    for (const year of await entries(sessions)) {
      for (const month of await entries(year.path)) {
        for (const day of await entries(month.path)) {
          const date = Date.parse(`${year.name}-${month.name}-${day.name}T00:00:00Z`);
          if (since !== null && date + 2 * DAY_MS < since) continue;
          files.push(...await entries(day.path));
        }
      }
    }
    files.push(...await entries(join(dirs.codex, "archived_sessions")));
    const found: FoundSession[] = [];
    for (const file of files) {
      if (!file.isFile || !/^rollout-.*\.jsonl$/.test(file.name)) continue;
      const info = await fileInfo(file.path);
      if (!info || (since !== null && (info.mtime?.getTime() ?? 0) < since)) continue;
      const meta = await headUntil(
        file.path,
        info.size,
        HEAD_BYTES,
        (text, complete) => complete || text.includes("\n") ? metaOf(text) : null,
      );
      if (!meta || !isValidSessionId(meta.id) || !inside(meta.cwd, roots)) continue;
      found.push({
        agent: "codex",
        id: meta.id,
        cwd: meta.cwd,
        path: file.path,
        ...(meta.start ? { start: meta.start } : {}),
        end: mtimeOf(info),
      });
    }
    return found;
  },
};

/** The session id, working directory and start of a rollout's first line. */
function metaOf(text: string): { id: string; cwd: string; start?: string } | null {
  const first = text.split("\n", 1)[0]!;
  let payload: Record<string, unknown> | undefined;
  try {
    const line = obj(JSON.parse(first));
    payload = line?.type === "session_meta" ? obj(line.payload) : undefined;
  } catch {
    return null;
  }
  const id = str(payload?.id) ?? str(payload?.session_id);
  const cwd = str(payload?.cwd);
  if (!id || !cwd) return null;
  const start = str(payload?.timestamp);
  return { id, cwd, ...(start ? { start } : {}) };
}
