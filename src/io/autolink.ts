/** Auto-linking: an agent's shell command that really created a commit links its session to it. */
import { join, resolve } from "node:path";
import { agentFromEnv } from "../agents/env.ts";
import { commitFromOutput, detectCommits } from "../core/commit_detect.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { pickSession } from "../core/session_pick.ts";
import { linkSession } from "./attribution.ts";
import type { Captured } from "./capture.ts";
import { statOrNull } from "./fs.ts";
import { gitRaw } from "./git.ts";
import { findRepo, type Repo } from "./repo.ts";
import { listSessions, localDir } from "./store.ts";

const REFLOG_WINDOW_S = 300;

/** Links the event's session to the commit its shell command created; the commit's sha or null. */
export async function autoLink(captured: Captured): Promise<string | null> {
  const { event } = captured;
  const found = detectCommits(event.command ?? "");
  if (!found.length || (event.exitCode !== undefined && event.exitCode !== 0)) return null;
  const short = commitFromOutput(event.output ?? "");
  if (!short && event.exitCode !== 0) return null;
  const last = found.at(-1)!;
  const base = event.cwd ?? captured.repo.root;
  const dir = resolve(base, last.dir);
  const repo = (await statOrNull(dir))?.isDirectory ? await findRepo(dir) : captured.repo;
  if (!repo?.root) return null;
  const head = await headOf(repo);
  if (!head) return null;
  if (short ? !head.startsWith(short) : !(await quietCommit(repo, event.time))) {
    return null;
  }
  const ref = { id: event.sessionId, location: "local" as const, dir: localDir(captured.repo) };
  await linkSession(repo, head, ref);
  return head;
}

async function headOf(repo: Repo): Promise<string | null> {
  const result = await gitRaw(["rev-parse", "--verify", "-q", "HEAD"], { cwd: repo.root! });
  return result.code === 0 ? result.stdout.trim() : null;
}

/**
 * Without git's `[branch sha]` line (e.g. `git commit -q`): only a command known to have succeeded
 * (a pre-tool event has no exit code) whose reflog entry is a commit made around the event's time.
 */
async function quietCommit(repo: Repo, at: string): Promise<boolean> {
  const time = new Date(at);
  const result = await gitRaw(["reflog", "-1", "--date=unix", "--format=%gd%x00%gs", "HEAD"], {
    cwd: repo.root!,
  });
  const [selector, subject] = result.stdout.trim().split("\0");
  const when = /@\{(\d+)\}/.exec(selector ?? "")?.[1];
  if (result.code !== 0 || !subject || !when) return false;
  const near = Math.abs(Number(when) - time.getTime() / 1000) <= REFLOG_WINDOW_S;
  return near && /^(commit|cherry-pick|revert)/.test(subject);
}

/** For the post-commit hook: links HEAD to the session of the agent whose shell committed. */
export async function linkFromEnv(
  repo: Repo,
  env: (name: string) => string | undefined,
  now: Date,
): Promise<string | null> {
  const agent = agentFromEnv(env);
  if (!agent || !repo.root || await rebasing(repo)) return null;
  const sessions = (await listSessions(repo)).filter((s) => s.location === "local");
  const head = await headOf(repo);
  if (!head) return null;
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
  const chosen = sessions.find((s) => s.id === id);
  if (!chosen) return null;
  await linkSession(repo, head, chosen);
  return chosen.id;
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
