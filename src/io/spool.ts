/**
 * The per-session spool: a hook that cannot take the session's lock within its budget appends its
 * event here (one write) and the next holder of the lock merges it, so no event is ever dropped.
 *
 * Writers append under a shared kernel lock of the spool file. The merger (holding the session
 * lock) renames the spool to `<id>.spool.merging`, then takes that file's exclusive lock, which
 * waits for appends in progress; a writer that finds its file renamed appends to the new spool.
 */
import { parseEvents } from "../core/events_to_messages.ts";
import type { HookEvent } from "../core/model.ts";
import { lstatOrNull, PRIVATE_FILE, removeIfExists } from "./fs.ts";
import { MAX_WHOLE_FILE, readBoundedText } from "./safe_path.ts";
import { MERGING, sessionPath, SPOOL } from "./store.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tries to take the spool's shared lock this many times (a merge holds it for milliseconds). */
const ATTEMPTS = 40;

/**
 * Appends `event` to the spool of session `id` in `dir` with one write. Should the spool stay locked
 * (only a foreign process could hold it), the write goes in without the lock rather than not at all.
 */
export async function spoolEvent(dir: string, id: string, event: HookEvent): Promise<void> {
  const path = sessionPath(dir, id, SPOOL);
  const data = new TextEncoder().encode(JSON.stringify(event) + "\n");
  for (let attempt = 0;; attempt++) {
    const file = await Deno.open(path, { append: true, create: true, mode: PRIVATE_FILE });
    try {
      const locked = attempt >= ATTEMPTS || await file.tryLock(false);
      if (locked && await stillNamed(file, path)) {
        let written = 0;
        while (written < data.length) written += await file.write(data.subarray(written));
        return;
      }
    } finally {
      file.close();
    }
    await sleep(Math.min(1 + attempt, 10));
  }
}

async function stillNamed(file: Deno.FsFile, path: string): Promise<boolean> {
  const [mine, named] = await Promise.all([file.stat(), lstatOrNull(path)]);
  return named !== null && named.ino === mine.ino && named.dev === mine.dev;
}

/** True when events wait in the session's spool. */
export async function spoolWaiting(dir: string, id: string): Promise<boolean> {
  const [spool, merging] = await Promise.all([
    lstatOrNull(sessionPath(dir, id, SPOOL)),
    lstatOrNull(sessionPath(dir, id, MERGING)),
  ]);
  return (spool?.isFile && spool.size > 0) || !!merging?.isFile;
}

/**
 * Hands the spooled events to `apply` (oldest first) and removes them once applied; the caller holds
 * the session's lock. A merge cut short by a crash is finished by the next one (its events may then
 * be applied twice, never lost).
 */
export async function drainSpool(
  dir: string,
  id: string,
  apply: (events: HookEvent[]) => Promise<void>,
): Promise<void> {
  const spool = sessionPath(dir, id, SPOOL);
  const merging = sessionPath(dir, id, MERGING);
  if (await lstatOrNull(merging)) await mergeFile(merging, apply);
  try {
    await Deno.rename(spool, merging);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  await mergeFile(merging, apply);
}

async function mergeFile(path: string, apply: (events: HookEvent[]) => Promise<void>) {
  {
    // Waits for the appends that opened this file before it was renamed.
    using file = await Deno.open(path, { read: true, write: true });
    await file.lock(true);
  }
  const events = parseEvents((await readBoundedText(path, MAX_WHOLE_FILE)) ?? "");
  if (events.length) await apply(events);
  await removeIfExists(path);
}

/** The events still waiting in a session's spool, for readers (after the event log's). */
export async function spooledEvents(dir: string, id: string): Promise<HookEvent[]> {
  const texts = await Promise.all(
    ([MERGING, SPOOL] as const).map((ext) =>
      readBoundedText(sessionPath(dir, id, ext)).catch(() => null)
    ),
  );
  return parseEvents(texts.map((t) => t ?? "").join("\n"));
}
