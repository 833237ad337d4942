/** Keeps the store's copy of a session's transcript current from wherever its agent keeps it. */
import type { HookEvent } from "../../core/model.ts";
import { readTextOrNull, writeAtomic } from "../../io/fs.ts";
import { refreshCopy } from "../../io/transcript_copy.ts";
import type { AgentAdapter, SessionQuery } from "../types.ts";
import { homeDirs } from "./home_dirs.ts";

/** Events after which slow sources (spawning the agent) are worth their cost. */
const STOPS = new Set(["stop", "end"]);

/** Brings the session's transcript copy up to date; true when it was written whole (new or replaced). */
export async function syncTranscript(
  adapter: AgentAdapter,
  event: HookEvent,
  dest: string,
): Promise<boolean> {
  const query: SessionQuery = {
    sessionId: event.sessionId,
    transcriptPath: event.transcriptPath,
    time: event.time,
  };
  return await syncFromSource(adapter, query, dest, STOPS.has(event.kind));
}

/** Refreshes `dest` from the agent's file (appending what is new), else its whole-document source. */
export async function syncFromSource(
  adapter: AgentAdapter,
  query: SessionQuery,
  dest: string,
  final: boolean,
): Promise<boolean> {
  const dirs = homeDirs();
  const file = await adapter.source.file?.(query, dirs);
  if (file) return (await refreshCopy(file, dest)) === "copied";
  const text = await adapter.source.whole?.(query, dirs, final);
  return !!text && await replaceIfChanged(dest, text);
}

async function replaceIfChanged(dest: string, text: string): Promise<boolean> {
  if (text === await readTextOrNull(dest)) return false;
  await writeAtomic(dest, text);
  return true;
}
