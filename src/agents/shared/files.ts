/** Finding an agent's transcript files: the payload's path, or a search of the agent's folders. */
import { statOrNull } from "../../io/fs.ts";
import type { SessionQuery } from "../types.ts";

/** `path` when it is a regular file, else null. */
export async function fileOrNull(path: string): Promise<string | null> {
  return (await statOrNull(path).catch(() => null))?.isFile ? path : null;
}

/** The transcript path the session's payloads named, when it is a file. */
export async function givenFile(query: SessionQuery): Promise<string | null> {
  return query.transcriptPath ? await fileOrNull(query.transcriptPath) : null;
}

/** The most recently modified of `paths`, or null. */
export async function newest(paths: string[]): Promise<string | null> {
  let best: { path: string; time: number } | null = null;
  for (const path of paths) {
    const time = (await statOrNull(path).catch(() => null))?.mtime?.getTime() ?? 0;
    if (!best || time > best.time) best = { path, time };
  }
  return best?.path ?? null;
}
