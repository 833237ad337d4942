/** Where Gemini CLI keeps chats: `~/.gemini/tmp/<project>/chats/session-<time>-<id8>.jsonl`. */
import { join } from "node:path";
import { givenFile, newest } from "../shared/files.ts";
import { listDir } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";

/** The payload's transcript path, else the newest chat file named after the session. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    return await givenFile(query) ??
      await newest(await globChats(join(dirs.home, ".gemini", "tmp"), query.sessionId));
  },
};

/** Gemini chat files `session-<time>-<id8>.jsonl` (or legacy `.json`) in every project dir. */
async function globChats(tmp: string, id: string): Promise<string[]> {
  const suffix = `-${id.slice(0, 8)}`;
  const found: string[] = [];
  for (const project of await listDir(tmp)) {
    const chats = join(tmp, project.name, "chats");
    for (const entry of await listDir(chats)) {
      if (entry.name.startsWith("session-") && /\.jsonl?$/.test(entry.name)) {
        if (entry.name.replace(/\.jsonl?$/, "").endsWith(suffix)) {
          found.push(join(chats, entry.name));
        }
      }
    }
  }
  const jsonl = found.filter((p) => p.endsWith(".jsonl"));
  return jsonl.length ? jsonl : found;
}
