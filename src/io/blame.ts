/** Blaming a file: one `git blame --porcelain` plus one `git grep` over both notes refs. */
import { type BlameLine, combineBlame, parsePorcelain } from "../core/blame.ts";
import { FatalError } from "../core/errors.ts";
import { git } from "./git.ts";
import { readAllNotesAt } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  return blameAt(gitCwd(repo), path, rev, range);
}

/** Blames `path` relative to `cwd` (any directory); `moves` asks git to follow moved or copied lines. */
export async function blameAt(
  cwd: string,
  path: string,
  rev?: string,
  range?: [number, number],
  moves: ("-M" | "-C")[] = [],
): Promise<BlameLine[]> {
  // git blame takes no --end-of-options: a revision must not pass for an option (--contents).
  if (rev?.startsWith("-")) throw new FatalError(`bad revision '${rev}'`);
  const args = ["-c", "core.quotePath=false", "blame", "--porcelain", "--no-textconv", ...moves];
  if (range) args.push("-L", `${range[0]},${range[1]}`);
  if (rev) args.push(rev);
  args.push("--", path);
  const [blame, notes] = await Promise.all([git(args, { cwd }), readAllNotesAt(cwd)]);
  return combineBlame(parsePorcelain(blame.stdout), notes.links, notes.ranges);
}
