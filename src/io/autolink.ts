/**
 * Auto-linking from the repository, not from output: at each hook event, the commits HEAD's reflog
 * gained since the session's previous event are credited (to the session when its shell command
 * ran git and so made them); the post-commit hook is a second path for agents whose shell runs it.
 */
import { join } from "node:path";
import { agentFromEnv } from "../agents/env.ts";
import {
  commitsSince,
  headsSince,
  invokesGit,
  parseReflog,
  REFLOG_FORMAT,
} from "../core/commit_detect.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { pickSession } from "../core/session_pick.ts";
import type { Captured } from "./capture.ts";
import { creditCommit } from "./commit_credit.ts";
import { statOrNull } from "./fs.ts";
import { gitRaw } from "./git.ts";
import type { Repo } from "./repo.ts";
import { carryNotes } from "./rewrite.ts";
import { listSessions, localDir } from "./store.ts";

/** Without a previous event, commits made this long before the event may be the session's. */
const FIRST_EVENT_WINDOW_S = 120;
/** Reflog times are whole seconds, and the hook starts a moment after the call ends. */
const CLOCK_SLACK_S = 5;
/** How many reflog entries are read. */
const REFLOG_ENTRIES = "50";

/** Credits the commits HEAD gained since the session's previous event; their shas, oldest first. */
export async function followCommits(captured: Captured): Promise<string[]> {
  const { event, repo, previous } = captured;
  if (!event.head || previous?.head === event.head) return [];
  const reflog = await gitRaw([
    "reflog",
    "show",
    "-n",
    REFLOG_ENTRIES,
    "--date=unix",
    `--format=${REFLOG_FORMAT}`,
    "HEAD",
    "--",
  ], { cwd: repo.root });
  if (reflog.code !== 0) return [];
  const now = new Date(event.time);
  const entries = parseReflog(reflog.stdout);
  const found = commitsSince(entries, previous, now.getTime() / 1000 - FIRST_EVENT_WINDOW_S);
  // A shell command that ran git and succeeded made the commits that appeared during it (when the
  // payload tells how long it ran: not those made before it started); others are a person's (a
  // failed `git commit` made nothing: what appeared meanwhile was someone else's).
  const failed = event.failed === true || (event.exitCode !== undefined && event.exitCode !== 0);
  const shell = event.kind === "shell" && !failed &&
    (event.command === undefined || invokesGit(event.command));
  const started = event.durationMs === undefined
    ? null
    : (now.getTime() - event.durationMs) / 1000 - CLOCK_SLACK_S;
  const self = { id: event.sessionId, location: "local" as const, dir: localDir(repo) };
  for (const commit of found) {
    // (Only when the reflog's clock agrees with ours: a pinned GIT_COMMITTER_DATE does not.)
    const before = started !== null && commit.time < started &&
      commit.time + CLOCK_SLACK_S >= (previous?.time ?? 0);
    if (commit.replaced) await carryNotes(repo, commit.replaced, commit.sha);
    const after = headsSince(entries, commit.sha);
    await creditCommit(repo, commit.sha, shell && !before ? self : null, now, after);
  }
  return found.map((c) => c.sha);
}

/**
 * For the post-commit hook: credits HEAD to the session of the agent whose shell committed (named by
 * its environment, else its active session that edited the commit's files), or, for a person's
 * commit, to the recent sessions whose edits it holds.
 */
export async function linkFromEnv(
  repo: Repo,
  env: (name: string) => string | undefined,
  now: Date,
): Promise<string[]> {
  if (!repo.root || await rebasing(repo)) return [];
  const head = await headOf(repo);
  if (!head) return [];
  const agent = agentFromEnv(env);
  if (!agent) return await creditCommit(repo, head, null, now);
  const sessions = (await listSessions(repo)).filter((s) => s.location === "local");
  const named = agent.sessionId && isValidSessionId(agent.sessionId) &&
    sessions.some((s) => s.id === agent.sessionId);
  let id = named ? agent.sessionId! : null;
  if (!id) {
    const changed = await changedFiles(repo, head);
    const candidates = sessions.filter((s) => s.meta?.agent === agent.agent).map((s) => ({
      id: s.id,
      agent: s.meta!.agent,
      ...(s.meta!.cwd ? { cwd: s.meta!.cwd } : {}),
      updatedAt: s.meta!.updatedAt,
      files: s.fileList,
    }));
    id = pickSession(candidates, agent.agent, repo.root, changed, now);
  }
  const chosen = sessions.find((s) => s.id === id) ?? null;
  return await creditCommit(repo, head, chosen, now);
}

async function headOf(repo: Repo): Promise<string | null> {
  const result = await gitRaw(["rev-parse", "--verify", "-q", "HEAD"], { cwd: repo.root! });
  return result.code === 0 ? result.stdout.trim() : null;
}

async function changedFiles(repo: Repo, commit: string): Promise<string[]> {
  const result = await gitRaw(
    ["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit],
    { cwd: repo.root! },
  );
  return result.stdout.split("\0").filter((f) => f !== "");
}

/** True while a rebase replays commits: those are not new work of the session. */
async function rebasing(repo: Repo): Promise<boolean> {
  for (const dir of ["rebase-merge", "rebase-apply"]) {
    if (await statOrNull(join(repo.gitDir, dir))) return true;
  }
  return false;
}
