/** Where Cursor keeps transcripts: agent-transcripts JSONL, else the cursor-agent CLI's store.db. */
import { join } from "node:path";
import { fileOrNull, givenFile } from "../shared/files.ts";
import { type HomeDirs, listDir } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";
import { readCursorStore } from "./store_db.ts";

/** The payload's (or `CURSOR_TRANSCRIPT_PATH`'s) transcript, else the projects' agent-transcripts;
 * without one, the CLI's chat store as JSONL. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    const env = Deno.env.get("CURSOR_TRANSCRIPT_PATH");
    return await givenFile(query) ?? (env ? await fileOrNull(env) : null) ??
      await agentTranscript(dirs, query.sessionId);
  },
  whole: (query, dirs) => readCursorStore(dirs.home, query.sessionId),
};

/** `~/.cursor/projects/<slug>/agent-transcripts/<id>/<id>.jsonl` (or the older flat file). */
async function agentTranscript(dirs: HomeDirs, id: string): Promise<string | null> {
  const projects = join(dirs.home, ".cursor", "projects");
  for (const project of await listDir(projects)) {
    const base = join(projects, project.name, "agent-transcripts");
    for (const candidate of [join(base, id, `${id}.jsonl`), join(base, `${id}.jsonl`)]) {
      if (await fileOrNull(candidate)) return candidate;
    }
  }
  return null;
}
