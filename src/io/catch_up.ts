/**
 * Catching up before blame answers: the commits HEAD's reflog gained since the last look are credited
 * (a person may have committed a session's edits with no git hook to notice), an amend carries its
 * notes, and after a rebase or reset the notes of commits that left history move to the new ones.
 */
import { join } from "node:path";
import {
  commitsIn,
  headsSince,
  parseReflog,
  REFLOG_FORMAT,
  type ReflogEntry,
} from "../core/commit_detect.ts";
import { creditCommit, recentSessions } from "./commit_credit.ts";
import { readTextOrNull, statOrNull, writePrivate } from "./fs.ts";
import { gitRaw } from "./git.ts";
import { findRepo, gitCwd, type Repo, traceDir } from "./repo.ts";
import { carryNotes, lostCommits, moveLost } from "./rewrite.ts";
import { readMeta } from "./store.ts";

/** The first look goes this far back (a session's uncommitted edits are recent). */
const FIRST_LOOK_S = 24 * 3600;
/** At most this many commits that left history are matched at each look. */
const MAX_LOST = 20;
/** How far back from HEAD a rewrite's new commits are looked for. */
const REACH = 200;

/** The file remembering the newest reflog entry looked at, per work tree. */
function seenPath(repo: Repo): string {
  const worktree = repo.gitDir === repo.commonDir ? "" : `-${repo.gitDir.split(/[/\\]/).at(-1)}`;
  return join(traceDir(repo), `reflog-seen${worktree}`);
}

/** The commits of `shas` that HEAD still reaches (a rebase's intermediate picks do not count). */
async function reachable(repo: Repo, shas: string[]): Promise<string[]> {
  const recent = await gitRaw(["rev-list", "-n", String(REACH), "HEAD", "--"], {
    cwd: gitCwd(repo),
  });
  const ids = new Set(recent.stdout.split("\n"));
  return [...new Set(shas)].filter((s) => ids.has(s));
}

/**
 * Where a first look stops (the index of the first entry left out, -1: none): at the last day by the
 * reflog's clock, but never before the HEAD a recent session last recorded (commits made after a
 * session's last event were seen by none of its hooks; the reflog's clock may be pinned in the past).
 */
async function firstLook(repo: Repo, entries: ReflogEntry[], now: Date): Promise<number> {
  const byTime = entries.findIndex((e) => e.time < now.getTime() / 1000 - FIRST_LOOK_S);
  if (byTime < 0) return -1;
  const metas = await Promise.all((await recentSessions(repo, now)).map(readMeta));
  const heads = new Set(metas.map((m) => m?.head).filter((h) => h !== undefined));
  return Math.max(byTime, entries.findLastIndex((e) => heads.has(e.sha)));
}

/** Catches up with HEAD's reflog in `where` (a repository or a directory in one); true when notes may have changed. */
export async function catchUp(where: Repo | string, now: Date): Promise<boolean> {
  const repo = typeof where === "string" ? await findRepo(where) : where;
  if (!repo?.root || !(await statOrNull(join(traceDir(repo), "sessions")))) return false;
  const path = seenPath(repo);
  const [seen, reflog] = await Promise.all([
    readTextOrNull(path),
    gitRaw([
      "reflog",
      "show",
      "-n",
      "50",
      "--date=unix",
      `--format=${REFLOG_FORMAT}`,
      "HEAD",
      "--",
    ], { cwd: gitCwd(repo) }),
  ]);
  const entries = parseReflog(reflog.stdout);
  const state = entries[0] ? `${entries[0].sha} ${entries[0].time}\n` : "";
  if (!state || seen === state) return false;
  const [head] = (seen ?? "").split(" ");
  let end = head ? entries.findIndex((e) => e.sha === head) : -1;
  if (end < 0) end = await firstLook(repo, entries, now);
  const window = entries.slice(0, end < 0 ? entries.length : end);
  for (const commit of commitsIn(entries, window.length)) {
    if (commit.replaced) await carryNotes(repo, commit.replaced, commit.sha);
    await creditCommit(repo, commit.sha, null, now, headsSince(entries, commit.sha));
  }
  // Amends, rebases, resets, pulls with rebase: commits may have left history (the newest are
  // looked at; `repair` looks at all of them).
  const lost = window.length ? (await lostCommits(repo)).slice(0, MAX_LOST) : [];
  if (lost.length) await moveLost(repo, lost, await reachable(repo, window.map((e) => e.sha)));
  await writePrivate(path, state);
  return window.length > 0;
}
