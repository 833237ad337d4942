/** Where Codex keeps rollouts: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`. */
import { join } from "node:path";
import { givenFile } from "../shared/files.ts";
import { type HomeDirs, listDir } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";

/** The payload's transcript path, else the rollout filed around the session's date. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    return await givenFile(query) ?? await rollout(dirs, query.sessionId, new Date(query.time));
  },
};

/** `sessions/YYYY/MM/DD/rollout-*-<id>.jsonl` on the day of `time`, the day before or after. */
async function rollout(dirs: HomeDirs, id: string, time: Date): Promise<string | null> {
  if (Number.isNaN(time.getTime())) return null;
  for (const offset of [0, -1, 1]) {
    const day = new Date(time.getTime() + offset * 86_400_000);
    const parts = [
      String(day.getUTCFullYear()),
      String(day.getUTCMonth() + 1).padStart(2, "0"),
      String(day.getUTCDate()).padStart(2, "0"),
    ];
    const dir = join(dirs.codex, "sessions", ...parts);
    const hit = (await listDir(dir)).find((e) => e.name.endsWith(`-${id}.jsonl`));
    if (hit) return join(dir, hit.name);
  }
  return null;
}
