/** Records one normalized hook event into the store, under the session's lock. */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { applyEvent, legacyTimestamp, parseMeta, titleFromPrompt } from "../core/session_meta.ts";
import { type HeadState, UNBORN } from "../core/commit_detect.ts";
import type { HookEvent, SessionMeta } from "../core/model.ts";
import { storedPath } from "../core/paths.ts";
import { assertSessionId } from "../core/session_id.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { readTextOrNull, statOrNull, withLock, writeAtomic } from "./fs.ts";
import { syncTranscript } from "../agents/shared/transcript_sync.ts";
import { gitRaw } from "./git.ts";
import { findRepo, type Repo, resolveDirLinks, rootAliases } from "./repo.ts";
import { localDir, parseFileList, sessionPath } from "./store.ts";
import { firstPrompt } from "./transcript_read.ts";

/** Where an event was recorded. */
export interface Captured {
  repo: Repo & { root: string };
  event: HookEvent;
  /** HEAD at the session's previous event, when one was recorded with it. */
  previous: HeadState | null;
}

/** The repository an event belongs to: the edited file's, else the payload's cwd, else `fallbackCwd`. */
async function repoForEvent(event: HookEvent, fallbackCwd: string) {
  const candidates: string[] = [];
  for (const edit of event.edits ?? []) {
    const abs = isAbsolute(edit.path) ? edit.path : event.cwd && resolve(event.cwd, edit.path);
    if (abs) candidates.push(dirname(abs));
  }
  if (event.cwd) candidates.push(event.cwd);
  else if (!candidates.length) candidates.push(fallbackCwd);
  for (const dir of candidates) {
    const existing = await nearestExistingDir(dir);
    const repo = existing ? await findRepo(existing) : null;
    if (repo?.root) return repo as Repo & { root: string };
  }
  return null;
}

async function nearestExistingDir(dir: string): Promise<string | null> {
  let current = dir;
  while (true) {
    if ((await statOrNull(current))?.isDirectory) return current;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** Stores `event` (files, event log, metadata, transcript copy, timestamp); null when it has no repository. */
export async function capture(
  event: HookEvent,
  adapter: AgentAdapter,
  fallbackCwd: string,
): Promise<Captured | null> {
  const repo = await repoForEvent(event, fallbackCwd);
  if (!repo) return null;
  assertSessionId(event.sessionId);
  const roots = await rootAliases(repo.root);
  const cwd = event.cwd ?? repo.root;
  for (const edit of event.edits ?? []) {
    edit.path = storedPath(await resolveDirLinks(edit.path, cwd), cwd, roots);
  }
  const dir = localDir(repo);
  const id = event.sessionId;
  // A session begins with its first prompt, edit or command (or, at its end, a transcript):
  // merely starting an agent, or quitting one that said nothing, is not a session.
  if (!(await statOrNull(sessionPath(dir, id, ".timestamp"))) && await isEmptyStart(event)) {
    return null;
  }
  await Deno.mkdir(dir, { recursive: true });
  let previous: HeadState | null = null;
  // HEAD is read while the lock is awaited; an event that read an older HEAD and got the lock later
  // finds nothing new, and does not set the session's HEAD back (its time is older).
  const reading = headOf(repo.root);
  await withLock(join(dir, `${id}.lock`), async () => {
    const head = await reading;
    if (head) event.head = head;
    const [, , rewritten] = await Promise.all([
      appendFiles(sessionPath(dir, id, ".files"), (event.edits ?? []).map((e) => e.path)),
      Deno.writeTextFile(sessionPath(dir, id, ".events.jsonl"), JSON.stringify(event) + "\n", {
        append: true,
      }),
      syncTranscript(adapter, event, sessionPath(dir, id, ".jsonl")),
    ]);
    const before = await updateMeta(repo, dir, event, adapter, rewritten);
    if (before?.head) previous = { head: before.head, time: Date.parse(before.updatedAt) / 1000 };
    await writeAtomic(
      sessionPath(dir, id, ".timestamp"),
      legacyTimestamp(new Date(event.time)) + "\n",
    );
  });
  return { repo, event, previous };
}

/** HEAD's sha, 40 zeros on an unborn branch, null when git cannot tell. */
async function headOf(root: string): Promise<string | null> {
  const result = await gitRaw(["rev-parse", "-q", "--verify", "HEAD"], { cwd: root });
  if (result.code === 0) return result.stdout.trim();
  return result.code === 1 ? UNBORN : null;
}

async function isEmptyStart(event: HookEvent): Promise<boolean> {
  if (event.prompt || event.message || event.edits?.length || event.command) return false;
  if (event.kind === "session") return true;
  if (event.kind !== "end" || !event.transcriptPath) return false;
  return !((await statOrNull(event.transcriptPath))?.size);
}

/** Adds new paths to `.files` (first-seen order, no duplicates). */
async function appendFiles(path: string, files: string[]): Promise<void> {
  if (!files.length) return;
  const current = parseFileList((await readTextOrNull(path)) ?? "");
  const seen = new Set(current);
  const added = files.filter((f) => !seen.has(f) && seen.add(f));
  if (added.length) await writeAtomic(path, [...current, ...added].map((f) => `${f}\n`).join(""));
}

async function updateMeta(
  repo: Repo & { root: string },
  dir: string,
  event: HookEvent,
  adapter: AgentAdapter,
  transcriptRewritten: boolean,
): Promise<SessionMeta | null> {
  const path = sessionPath(dir, event.sessionId, ".json");
  const meta = parseMeta(await readTextOrNull(path));
  // The branch is the one the session started on: asked of git once, at its first event.
  const branch = meta ? undefined : await currentBranch(repo.root);
  const next = applyEvent(meta, event, branch);
  if ((!next.model || !next.agentVersion) && adapter.sniffTranscript) {
    const found = adapter.sniffTranscript(
      await readTail(sessionPath(dir, event.sessionId, ".jsonl")),
    );
    if (!next.model && found.model) next.model = found.model;
    if (!next.agentVersion && found.agentVersion) next.agentVersion = found.agentVersion;
  }
  // The first prompt of the transcript names the session; it is looked for when the session is new
  // or its transcript was just written whole (agents whose transcript arrives late, like OpenCode).
  if (!next.title && (!meta || transcriptRewritten)) {
    const prompt = await firstPrompt(sessionPath(dir, event.sessionId, ".jsonl"), adapter);
    if (prompt) next.title = titleFromPrompt(prompt);
  }
  await writeAtomic(path, JSON.stringify(next, null, 2) + "\n");
  return meta;
}

async function currentBranch(root: string): Promise<string | undefined> {
  const result = await gitRaw(["symbolic-ref", "--short", "-q", "HEAD"], { cwd: root });
  return result.stdout.trim() || undefined;
}

const TAIL_BYTES = 64 * 1024;

async function readTail(path: string): Promise<string> {
  try {
    using file = await Deno.open(path, { read: true });
    const size = (await file.stat()).size;
    await file.seek(Math.max(0, size - TAIL_BYTES), Deno.SeekMode.Start);
    const buf = new Uint8Array(Math.min(size, TAIL_BYTES));
    let filled = 0;
    while (filled < buf.length) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return new TextDecoder().decode(buf.subarray(0, filled));
  } catch {
    return "";
  }
}
