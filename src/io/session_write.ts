/**
 * Writing hook events into a session's files under its kernel lock; when the lock stays taken past
 * the hook's budget, into the session's spool, merged by the next holder.
 */
import { applyEvent, legacyTimestamp, parseMeta, titleFromPrompt } from "../core/session_meta.ts";
import type { HeadState } from "../core/commit_detect.ts";
import type { HookEvent, SessionMeta } from "../core/model.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { adapterByName } from "../agents/registry.ts";
import { dirname, isAbsolute } from "node:path";
import { storedPath } from "../core/paths.ts";
import { appendPrivate, readTextOrNull, writePrivate } from "./fs.ts";
import { logHookFailure } from "./hook_log.ts";
import { rootAliases } from "./repo.ts";
import { type Deadline, NEVER, NOW } from "./budget.ts";
import { tryLockUntil } from "./lock.ts";
import { completeFromTranscript } from "../agents/shared/call_ids.ts";
import { syncTranscript } from "../agents/shared/transcript_sync.ts";
import { gitRaw } from "./git.ts";
import { whileMarked } from "./session_repair.ts";
import { drainSpool, spoolEvent, spoolWaiting } from "./spool.ts";
import { migrateEvents } from "./store_layout.ts";
import { lockPath, parseFileList, sessionPath } from "./store.ts";
import { firstPrompt, readTail } from "./transcript_read.ts";

/**
 * Until when a writer waits for the lock and copies the transcript; `rescue`, while set, spools the
 * event not yet recorded (a hook out of time calls it).
 */
export interface WriteBudget {
  lock: Deadline;
  copy: Deadline;
  rescue?: (() => Promise<void>) | undefined;
}

/** Where the session lives: its work tree root (for the branch) and its store directory. */
export interface SessionTarget {
  root: string;
  dir: string;
  id: string;
}

/** How many times a writer goes back for spooled events after releasing the lock. */
const MERGE_ROUNDS = 8;

/** What writing an event found: where it went, and HEAD at the session's previous event. */
export interface Written {
  outcome: "written" | "spooled";
  previous: HeadState | null;
}

/**
 * Records `event` under the session's lock, merging spooled events first; spools it when the lock
 * cannot be had by `budget.lock`. `head` (read while the lock is awaited) is the event's HEAD. Afterwards, whoever sees events waiting merges them if the lock
 * is free: a spooler once it has appended, a holder once it has released. Either the lock is free
 * then, or its holder will look at the spool after releasing it: no spooled event is left behind.
 */
export async function writeEvent(
  target: SessionTarget,
  event: HookEvent,
  adapter: AgentAdapter,
  budget: WriteBudget,
  head?: Promise<string | null>,
): Promise<Written> {
  const lock = lockPath(target.dir, target.id);
  budget.rescue = () => spoolEvent(target.dir, target.id, event);
  const held = await tryLockUntil(lock, budget.lock);
  let outcome: "written" | "spooled" = "written";
  let previous: HeadState | null = null;
  if (held) {
    try {
      await whileMarked(held, target.dir, target.id, async () => {
        const sha = await head?.catch(() => null);
        if (sha) event.head = sha;
        await migrateEvents(target.dir, target.id);
        await drainSpool(target.dir, target.id, (events) => applyAll(target, events, budget));
        const before = await applyToFiles(target, event, adapter, budget);
        if (before?.head) {
          previous = { head: before.head, time: Date.parse(before.updatedAt) / 1000 };
        }
      });
    } finally {
      held.close();
    }
  } else {
    budget.rescue = undefined;
    await spoolEvent(target.dir, target.id, event);
    outcome = "spooled";
  }
  for (let round = 0; round < MERGE_ROUNDS; round++) {
    if (!(await spoolWaiting(target.dir, target.id))) break;
    if (!(await mergeIfFree(target, budget.copy))) break;
  }
  return { outcome, previous };
}

/** Merges the session's spooled events if its lock is free now; false when it is taken. */
async function mergeIfFree(target: SessionTarget, copy: Deadline): Promise<boolean> {
  const held = await tryLockUntil(lockPath(target.dir, target.id), NOW);
  if (!held) return false;
  try {
    const budget = { lock: NOW, copy };
    await whileMarked(
      held,
      target.dir,
      target.id,
      () => drainSpool(target.dir, target.id, (events) => applyAll(target, events, budget)),
    );
  } finally {
    held.close();
  }
  return true;
}

/** Merges the spooled events of sessions `ids` of the local store `dir`, where their locks are free. */
export async function mergePending(root: string, dir: string, ids: string[]): Promise<void> {
  for (const id of ids) await mergeIfFree({ root, dir, id }, NEVER);
}

/**
 * Applies spooled events, skipping any already in the event log's tail: an event rescued while its
 * own write was finishing, or a merge cut short and done again, is recorded once.
 */
async function applyAll(target: SessionTarget, events: HookEvent[], budget: WriteBudget) {
  const recent = new Set(
    (await readTail(sessionPath(target.dir, target.id, ".events"))).split("\n"),
  );
  for (const event of events) {
    const adapter = adapterByName(event.agent);
    if (!adapter) continue;
    await normalizePaths(target, event);
    const line = JSON.stringify(event);
    if (recent.has(line)) continue;
    recent.add(line);
    await applyToFiles(target, event, adapter, { ...budget, rescue: undefined });
  }
}

/** An event rescued before git answered carries absolute paths: they are stored repo-relative. */
async function normalizePaths(target: SessionTarget, event: HookEvent): Promise<void> {
  if (!event.edits?.some((e) => isAbsolute(e.path))) return;
  const roots = await rootAliases(target.root);
  for (const edit of event.edits) {
    if (isAbsolute(edit.path)) edit.path = storedPath(edit.path, event.cwd ?? target.root, roots);
  }
}

/**
 * Applies one event to the session's files (the caller holds the lock): the transcript is copied
 * first, so that what the payload lacks can be taken from it. Once the event is in the event log it
 * is no longer rescued; a transcript that cannot be copied is logged, not fatal.
 */
async function applyToFiles(
  target: SessionTarget,
  event: HookEvent,
  adapter: AgentAdapter,
  budget: WriteBudget,
): Promise<SessionMeta | null> {
  const { dir, id } = target;
  const transcript = sessionPath(dir, id, ".jsonl");
  const events = sessionPath(dir, id, ".events");
  const [, rewritten] = await Promise.all([
    appendFiles(sessionPath(dir, id, ".files"), (event.edits ?? []).map((e) => e.path)),
    syncTranscript(adapter, event, transcript, budget.copy).catch(async (err: unknown) => {
      await logHookFailure(dirname(dir), event.agent, `session '${id}': ${errorText(err)}`);
      return false;
    }),
  ]);
  // What the payload lacks (a call id, an exit code) may be in the agent's transcript already.
  await completeFromTranscript(adapter, event, transcript, events).catch(() => undefined);
  await appendPrivate(events, JSON.stringify(event) + "\n");
  budget.rescue = undefined;
  const before = await updateMeta(target, event, adapter, rewritten);
  const stampPath = sessionPath(dir, id, ".timestamp");
  const stamp = legacyTimestamp(new Date(event.time));
  const previous = (await readTextOrNull(stampPath))?.trim() ?? "";
  await writePrivate(stampPath, (stamp > previous ? stamp : previous) + "\n");
  return before;
}

/** Adds new paths to `.files` (first-seen order, no duplicates). */
async function appendFiles(path: string, files: string[]): Promise<void> {
  if (!files.length) return;
  const current = parseFileList((await readTextOrNull(path)) ?? "");
  const seen = new Set(current);
  const added = files.filter((f) => !seen.has(f) && seen.add(f));
  if (added.length) await writePrivate(path, [...current, ...added].map((f) => `${f}\n`).join(""));
}

async function updateMeta(
  target: SessionTarget,
  event: HookEvent,
  adapter: AgentAdapter,
  transcriptRewritten: boolean,
): Promise<SessionMeta | null> {
  const path = sessionPath(target.dir, target.id, ".json");
  const transcript = sessionPath(target.dir, target.id, ".jsonl");
  const meta = parseMeta(await readTextOrNull(path));
  // The branch is the one the session started on: asked of git once, at its first event.
  const branch = meta ? undefined : await currentBranch(target.root);
  const next = applyEvent(meta, event, branch);
  if ((!next.model || !next.agentVersion) && adapter.sniffTranscript) {
    const found = adapter.sniffTranscript(await readTail(transcript));
    if (!next.model && found.model) next.model = found.model;
    if (!next.agentVersion && found.agentVersion) next.agentVersion = found.agentVersion;
  }
  // The first prompt of the transcript names the session; it is looked for when the session is new
  // or its transcript was just written whole (agents whose transcript arrives late, like OpenCode).
  if (!next.title && (!meta || transcriptRewritten)) {
    const prompt = await firstPrompt(transcript, adapter);
    if (prompt) next.title = titleFromPrompt(prompt);
  }
  await writePrivate(path, JSON.stringify(next, null, 2) + "\n");
  return meta;
}

async function currentBranch(root: string): Promise<string | undefined> {
  const result = await gitRaw(["symbolic-ref", "--short", "-q", "HEAD"], { cwd: root });
  return result.stdout.trim() || undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
