/** Resolving revisions to commits. */
import { type CommitFile, parseCommitDiffs } from "../core/commit_diffs.ts";
import { FatalError } from "../core/errors.ts";
import { git } from "./git.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** The full sha of the commit `rev` names; fatal when it names none. */
export async function resolveCommit(repo: Repo, rev: string): Promise<string> {
  const cwd = gitCwd(repo);
  const result = await git([
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${rev}^{commit}`,
  ], {
    cwd,
    okCodes: [1, 128],
  });
  const sha = result.stdout.trim();
  if (result.code !== 0 || !sha) throw new FatalError(`not a valid commit: '${rev}'`);
  return sha;
}

/** Each commit's added lines (`git log -p -U0`, one process for all of them; the shas go on
 * stdin, which has no length limit, unlike a command line on Windows). */
export async function commitDiffs(repo: Repo, shas: string[]): Promise<Map<string, CommitFile[]>> {
  if (!shas.length) return new Map();
  const cwd = gitCwd(repo);
  const result = await git([
    "-c",
    "core.quotePath=false",
    "log",
    "--no-show-signature",
    "--no-walk=unsorted",
    "-p",
    "-U0",
    "--root",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--format=commit %H",
    "--stdin",
    "--",
  ], { cwd, stdin: shas.join("\n") + "\n" });
  return parseCommitDiffs(result.stdout);
}
