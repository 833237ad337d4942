/** Keeps the store's copy of a session's transcript current from wherever its agent keeps it: at
 * each hook, and before a read command shows it (agents write after their last hook). */
import { join } from "node:path";
import type { HookEvent, SessionMeta } from "../../core/model.ts";
import { readTextOrNull, withLock, writeAtomic } from "../../io/fs.ts";
import { refreshCopy } from "../../io/transcript_copy.ts";
import type { AgentAdapter, SessionQuery } from "../types.ts";
import { homeDirs } from "./home_dirs.ts";

/** Events after which slow sources (spawning the agent) are worth their cost. */
const STOPS = new Set(["stop", "end"]);
/** A transcript larger than this is left where it is. */
const MAX_SOURCE_BYTES = 512 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

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
    await withLock(join(dir, `${meta.id}.lock`), () => syncFromSource(adapter, query, dest, false));
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
): Promise<boolean> {
  const dirs = homeDirs();
  const file = await adapter.source.file?.(query, dirs);
  if (file) {
    return await isTranscriptFile(adapter, file) && (await refreshCopy(file, dest)) === "copied";
  }
  const text = await adapter.source.whole?.(query, dirs, final);
  return !!text && await replaceIfChanged(dest, text);
}

/** True for a regular file (not a link, device or FIFO) of bounded size in the agent's format. */
async function isTranscriptFile(adapter: AgentAdapter, path: string): Promise<boolean> {
  const info = await Deno.lstat(path).catch(() => null);
  if (!info?.isFile || info.size > MAX_SOURCE_BYTES) return false;
  if (!adapter.looksLikeTranscript || info.size === 0) return true;
  try {
    using file = await Deno.open(path, { read: true });
    const buf = new Uint8Array(Math.min(HEAD_BYTES, info.size));
    const n = await file.read(buf);
    return adapter.looksLikeTranscript(new TextDecoder().decode(buf.subarray(0, n ?? 0)));
  } catch {
    return false;
  }
}

async function replaceIfChanged(dest: string, text: string): Promise<boolean> {
  if (text === await readTextOrNull(dest)) return false;
  await writeAtomic(dest, text);
  return true;
}
