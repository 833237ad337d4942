/**
 * Crash consistency of a session's derived files. The event log (`<id>.events`) is the record; the
 * file list and the metadata's counts are derived from it. A lock holder marks its lock file while
 * it applies events; a holder that finds the mark left behind (its predecessor died or was stopped
 * mid-way) rebuilds the derived parts from the log before going on.
 */
import { parseEvents } from "../core/events_to_messages.ts";
import type { HookEvent } from "../core/model.ts";
import { applyEvent, parseMeta } from "../core/session_meta.ts";
import { readTextOrNull, writePrivate } from "./fs.ts";
import { readBoundedText } from "./safe_path.ts";
import { parseFileList, sessionPath } from "./store.ts";

const MARK = new TextEncoder().encode("applying\n");

/** Runs `apply` with the held lock file marked; repairs the session first if a mark was left. */
export async function whileMarked<T>(
  lock: Deno.FsFile,
  dir: string,
  id: string,
  apply: () => Promise<T>,
): Promise<T> {
  if ((await lock.stat()).size > 0) await rebuildDerived(dir, id);
  await lock.truncate(0);
  await lock.write(MARK);
  const result = await apply();
  await lock.truncate(0);
  return result;
}

/** Recounts the metadata and completes the file list from the event log. */
async function rebuildDerived(dir: string, id: string): Promise<void> {
  const events = parseEvents((await readBoundedText(sessionPath(dir, id, ".events"))) ?? "");
  const metaPath = sessionPath(dir, id, ".json");
  const meta = parseMeta(await readTextOrNull(metaPath));
  if (meta && events.length) {
    const rebuilt = events.reduce<ReturnType<typeof applyEvent> | null>(
      (m, e) => applyEvent(m, e),
      null,
    )!;
    const { counts, startedAt, updatedAt } = rebuilt;
    await writePrivate(
      metaPath,
      JSON.stringify({ ...meta, counts, startedAt, updatedAt }, null, 2) + "\n",
    );
  }
  await completeFiles(sessionPath(dir, id, ".files"), events);
}

async function completeFiles(path: string, events: HookEvent[]): Promise<void> {
  const current = parseFileList((await readTextOrNull(path)) ?? "");
  const seen = new Set(current);
  const added = events.flatMap((e) => (e.edits ?? []).map((edit) => edit.path))
    .filter((p) => !seen.has(p) && seen.add(p));
  if (added.length) await writePrivate(path, [...current, ...added].map((f) => `${f}\n`).join(""));
}
