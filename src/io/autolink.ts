/** Auto-linking: an agent's shell command that really created a commit links its session to it. */
import { join, resolve } from "node:path";
import { agentFromEnv } from "../core/agent_env.ts";
import { commitFromOutput, detectCommits } from "../core/commit_detect.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { linkSession } from "./attribution.ts";
import type { Captured } from "./capture.ts";
import { statOrNull } from "./fs.ts";
import { gitRaw } from "./git.ts";
import { findRepo, type Repo } from "./repo.ts";
import { listSessions, localDir } from "./store.ts";

const REFLOG_WINDOW_S = 300;
const ACTIVE_WINDOW_MS = 6 * 3600 * 1000;

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
  const chosen = agent.sessionId && isValidSessionId(agent.sessionId)
    ? sessions.find((s) => s.id === agent.sessionId)
    : sessions.find((s) =>
      s.meta?.agent === agent.agent &&
      now.getTime() - Date.parse(s.meta.updatedAt) <= ACTIVE_WINDOW_MS
    );
  const head = await headOf(repo);
  if (!chosen || !head) return null;
  await linkSession(repo, head, chosen);
  return chosen.id;
}

/** True while a rebase replays commits: those are not new work of the session. */
async function rebasing(repo: Repo): Promise<boolean> {
  for (const dir of ["rebase-merge", "rebase-apply"]) {
    if (await statOrNull(join(repo.gitDir, dir))) return true;
  }
  return false;
}
