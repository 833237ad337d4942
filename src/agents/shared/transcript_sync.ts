/** Keeps the store's copy of a session's transcript current from wherever its agent keeps it: at
 * each hook, and before a read command shows it (agents write after their last hook). */
import type { HookEvent, SessionMeta } from "../../core/model.ts";
import { CommandError } from "../../core/errors.ts";
import { type Deadline, NEVER } from "../../io/budget.ts";
import { readTextOrNull, writePrivate } from "../../io/fs.ts";
import { withLock } from "../../io/lock.ts";
import { lockPath } from "../../io/store.ts";
import { refreshCopy } from "../../io/transcript_copy.ts";
import { transcriptRefusal } from "../../io/transcript_guard.ts";
import type { AgentAdapter, SessionQuery } from "../types.ts";
import { homeDirs } from "./home_dirs.ts";

/** Events after which slow sources (spawning the agent) are worth their cost. */
const STOPS = new Set(["stop", "end"]);

/**
 * Brings the session's transcript copy up to date (copying until `deadline`); true when it was
 * written whole (new or replaced). A file that is not the agent's transcript (see
 * transcriptRefusal) is refused with a CommandError, and nothing is copied.
 */
export async function syncTranscript(
  adapter: AgentAdapter,
  event: HookEvent,
  dest: string,
  deadline: Deadline = NEVER,
): Promise<boolean> {
  const query: SessionQuery = {
    sessionId: event.sessionId,
    transcriptPath: event.transcriptPath,
    time: event.time,
  };
  return await syncFromSource(adapter, query, dest, STOPS.has(event.kind), deadline);
}

/**
 * Before reading a local session: refreshes its copy when the agent's transcript has grown since,
 * under the session's lock. Never fails the reading command (a source gone, a store not writable).
 */
export async function refreshOnRead(
  adapter: AgentAdapter,
  meta: SessionMeta,
  dir: string,
  dest: string,
): Promise<void> {
  const query = { sessionId: meta.id, transcriptPath: meta.transcriptPath, time: meta.updatedAt };
  try {
    const [source, copy] = await Promise.all([
      adapter.source.file?.(query, homeDirs()),
      Deno.lstat(dest).catch(() => null),
    ]);
    if (copy && !copy.isFile) return;
    if (source) {
      // Only growth is followed here; a transcript rewritten shorter waits for the agent's hooks.
      if (copy && (await Deno.stat(source)).size <= copy.size) return;
    } else if (!adapter.source.whole) return;
    await withLock(lockPath(dir, meta.id), () => syncFromSource(adapter, query, dest, false));
  } catch {
    // The copy stays as it was: reading goes on with what the store has.
  }
}

/** Refreshes `dest` from the agent's file (appending what is new), else its whole-document source. */
async function syncFromSource(
  adapter: AgentAdapter,
  query: SessionQuery,
  dest: string,
  final: boolean,
  deadline: Deadline = NEVER,
): Promise<boolean> {
  const dirs = homeDirs();
  const file = await adapter.source.file?.(query, dirs);
  if (file) {
    const refused = await transcriptRefusal(file, adapter);
    if (refused) throw new CommandError(`transcript '${file}' not copied: ${refused}`);
    return (await refreshCopy(file, dest, deadline)) === "copied";
  }
  const text = await adapter.source.whole?.(query, dirs, final);
  return !!text && await replaceIfChanged(dest, text);
}

async function replaceIfChanged(dest: string, text: string): Promise<boolean> {
  if (text === await readTextOrNull(dest)) return false;
  await writePrivate(dest, text);
  return true;
}
