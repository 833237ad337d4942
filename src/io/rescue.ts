/**
 * The last resort of a hook out of time before it could ask git where the repository is (git hung,
 * or a machine so loaded that git did not answer in time): the event goes to the session's spool in
 * the nearest enclosing `.git` directory, for the next hook or command to merge. Only a plain `.git`
 * directory is used (a worktree's or submodule's `.git` file is left to git, and the event is logged).
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { HookEvent } from "../core/model.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { ensurePrivateDir, lstatOrNull } from "./fs.ts";
import { spoolEvent } from "./spool.ts";

/** Spools `event` without git; false when no store could be found for it. */
export async function rescueEvent(event: HookEvent, fallbackCwd: string): Promise<boolean> {
  if (!isValidSessionId(event.sessionId)) return false;
  if (event.kind === "session" && !event.prompt && !event.edits?.length && !event.command) {
    return true;
  }
  const cwd = event.cwd ?? fallbackCwd;
  const absolute: HookEvent = {
    ...event,
    ...(event.edits
      ? {
        edits: event.edits.map((e) => ({
          ...e,
          path: isAbsolute(e.path) ? e.path : resolve(cwd, e.path),
        })),
      }
      : {}),
  };
  const git = await enclosingGitDir(absolute.edits?.[0] ? dirname(absolute.edits[0].path) : cwd);
  if (!git) return false;
  const sessions = join(git, "trace", "sessions");
  await ensurePrivateDir(join(git, "trace"));
  await ensurePrivateDir(sessions);
  await spoolEvent(sessions, event.sessionId, absolute);
  return true;
}

async function enclosingGitDir(start: string): Promise<string | null> {
  for (let dir = start;; dir = dirname(dir)) {
    const info = await lstatOrNull(join(dir, ".git"));
    if (info) return info.isDirectory ? join(dir, ".git") : null;
    if (dirname(dir) === dir) return null;
  }
}
