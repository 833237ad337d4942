/** Where Claude Code keeps transcripts: `<config dir>/projects/<slug>/<session>.jsonl`. */
import { join } from "node:path";
import { fileOrNull, givenFile } from "../shared/files.ts";
import { type HomeDirs, listDir } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";

/** The payload's transcript path, else the session's file in any project folder. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    return await givenFile(query) ?? await byId(dirs, query.sessionId);
  },
};

async function byId(dirs: HomeDirs, id: string): Promise<string | null> {
  const projects = join(dirs.claude, "projects");
  for (const project of await listDir(projects)) {
    const hit = await fileOrNull(join(projects, project.name, `${id}.jsonl`));
    if (hit) return hit;
  }
  return null;
}
