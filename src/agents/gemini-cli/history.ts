/** Gemini CLI's store: `~/.gemini/tmp/<project>/chats/session-*.jsonl` (older: `.json`), each
 * naming its project by `projectHash`, the sha256 of the project's root. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { isValidSessionId } from "../../core/session_id.ts";
import { entries, fileInfo, head, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

const HEAD_BYTES = 64 * 1024;

/** Gemini chats of this repository's roots. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const byHash = new Map(roots.map((root) => [sha256(root), root]));
    const found: FoundSession[] = [];
    for (const project of await entries(join(dirs.gemini, "tmp"))) {
      if (!project.isDirectory) continue;
      for (const file of await entries(join(project.path, "chats"))) {
        if (!file.isFile || !/^session-.*\.jsonl?$/.test(file.name)) continue;
        const info = await fileInfo(file.path);
        if (!info || (since !== null && (info.mtime?.getTime() ?? 0) < since)) continue;
        const text = await head(file.path, HEAD_BYTES) ?? "";
        const hash = field(text, "projectHash");
        const id = field(text, "sessionId");
        const cwd = hash ? byHash.get(hash) : undefined;
        if (!cwd || !id || !isValidSessionId(id)) continue;
        const start = field(text, "startTime");
        found.push({
          agent: "gemini-cli",
          id,
          cwd,
          path: file.path,
          ...(start ? { start } : {}),
          end: mtimeOf(info),
        });
      }
    }
    return found;
  },
};

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The first string value of `"name": "…"` in a chat file's head (its metadata comes first). */
function field(text: string, name: string): string | undefined {
  const match = new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,200})"`).exec(text);
  return match?.[1];
}
