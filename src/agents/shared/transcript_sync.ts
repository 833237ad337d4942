/** Keeps the store's copy of a session's transcript current from wherever its agent keeps it. */
import type { HookEvent } from "../../core/model.ts";
import { CommandError } from "../../core/errors.ts";
import { type Deadline, NEVER } from "../../io/budget.ts";
import { readTextOrNull, writePrivate } from "../../io/fs.ts";
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

/** Refreshes `dest` from the agent's file (appending what is new), else its whole-document source. */
export async function syncFromSource(
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
