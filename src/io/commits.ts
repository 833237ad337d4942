/** Resolving revisions to commits. */
import { FatalError } from "../core/errors.ts";
import { git } from "./git.ts";
import type { Repo } from "./repo.ts";

/** The full sha of the commit `rev` names; fatal when it names none. */
export async function resolveCommit(repo: Repo, rev: string): Promise<string> {
  const cwd = repo.root ?? repo.gitDir;
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
