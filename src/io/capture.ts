/** Records one normalized hook event into the store, under the session's lock. */
import { dirname, isAbsolute, resolve } from "node:path";
import { type HeadState, UNBORN } from "../core/commit_detect.ts";
import type { HookEvent } from "../core/model.ts";
import { storedPath } from "../core/paths.ts";
import { assertSessionId } from "../core/session_id.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { NEVER, wallDeadline } from "./budget.ts";
import { statOrNull } from "./fs.ts";
import { gitRaw } from "./git.ts";
import { findRepo, type Repo, resolveDirLinks, rootAliases, traceDir } from "./repo.ts";
import { type WriteBudget, writeEvent } from "./session_write.ts";
import { spoolEvent } from "./spool.ts";
import { localDir, sessionPath } from "./store.ts";
import { prepareStore } from "./store_layout.ts";

/** Where an event was recorded. */
export interface Captured {
  repo: Repo & { root: string };
  event: HookEvent;
  /** HEAD at the session's previous event, when one was recorded with it. */
  previous: HeadState | null;
}

/** The repository an event belongs to: the edited file's, else the payload's cwd, else `fallbackCwd`. */
async function repoForEvent(event: HookEvent, fallbackCwd: string) {
  const base = event.cwd ?? fallbackCwd;
  const candidates: string[] = [];
  for (const edit of event.edits ?? []) {
    candidates.push(dirname(isAbsolute(edit.path) ? edit.path : resolve(base, edit.path)));
  }
  candidates.push(base);
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

/** A command's budget: wait up to 30 s for the lock, copy the whole transcript. */
function commandBudget(): WriteBudget {
  return { lock: wallDeadline(30_000), copy: NEVER };
}

/** Stores `event` (files, event log, metadata, transcript copy, timestamp); null when it has no repository. */
export async function capture(
  event: HookEvent,
  adapter: AgentAdapter,
  fallbackCwd: string,
  budget: WriteBudget = commandBudget(),
): Promise<Captured | null> {
  const repo = await repoForEvent(event, fallbackCwd);
  if (!repo) return null;
  assertSessionId(event.sessionId);
  const roots = await rootAliases(repo.root);
  const cwd = event.cwd ?? fallbackCwd;
  for (const edit of event.edits ?? []) {
    edit.path = storedPath(await resolveDirLinks(edit.path, cwd), cwd, roots);
  }
  const id = event.sessionId;
  budget.rescue = () => prepareStore(traceDir(repo)).then((dir) => spoolEvent(dir, id, event));
  // A session begins with its first prompt, edit or command (or, at its end, a transcript):
  // merely starting an agent, or quitting one that said nothing, is not a session.
  if (
    !(await statOrNull(sessionPath(localDir(repo), id, ".timestamp"))) && await isEmptyStart(event)
  ) {
    return null;
  }
  const dir = await prepareStore(traceDir(repo));
  // HEAD is read while the lock is awaited; an event that read an older HEAD and got the lock later
  // finds nothing new, and does not set the session's HEAD back (its time is older).
  const reading = headOf(repo.root);
  const written = await writeEvent({ root: repo.root, dir, id }, event, adapter, budget, reading);
  return { repo, event, previous: written.previous };
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
