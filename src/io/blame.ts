/** Blaming a file: one `git blame --porcelain` plus one `git grep` over both notes refs. */
import { type BlameLine, combineBlame, parsePorcelain } from "../core/blame.ts";
import { FatalError } from "../core/errors.ts";
import { git } from "./git.ts";
import { readAllNotesAt } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** git blame's own options, passed through to it. */
export interface BlameOptions {
  /** The revision to blame at (default: the working tree). */
  rev?: string;
  /** `-L` values as git takes them: `a,b`, `a,+n`, `a,-n`, `:funcname`, `/regex/`. */
  ranges?: string[];
  /** Flags git blame takes as they are: `-w`, `-M[<n>]`, `-C[<n>]`, `--root`. */
  flags?: string[];
  /** Ask git for `--line-porcelain` (every header on every line) instead of `--porcelain`. */
  linePorcelain?: boolean;
}

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  return blameAt(gitCwd(repo), path, {
    ...(rev === undefined ? {} : { rev }),
    ranges: range ? [`${range[0]},${range[1]}`] : [],
  });
}

/** Blames `path` relative to `cwd` (any directory) with git blame's `options`. */
export async function blameAt(
  cwd: string,
  path: string,
  options: BlameOptions = {},
): Promise<BlameLine[]> {
  return (await blameDetailed(cwd, path, options)).lines;
}

/** Like blameAt, also returning git's porcelain text (for authors, dates and `--porcelain`). */
export async function blameDetailed(
  cwd: string,
  path: string,
  options: BlameOptions,
): Promise<{ lines: BlameLine[]; porcelain: string }> {
  const { rev } = options;
  // git blame takes no --end-of-options: a revision must not pass for an option (--contents).
  if (rev?.startsWith("-")) throw new FatalError(`bad revision '${rev}'`);
  const args = [
    "-c",
    "core.quotePath=false",
    "blame",
    options.linePorcelain ? "--line-porcelain" : "--porcelain",
    "--no-textconv",
    ...(options.flags ?? []),
  ];
  for (const range of options.ranges ?? []) args.push("-L", range);
  if (rev) args.push(rev);
  args.push("--", path);
  const [blame, notes] = await Promise.all([git(args, { cwd }), readAllNotesAt(cwd)]);
  const lines = combineBlame(parsePorcelain(blame.stdout), notes.links, notes.ranges);
  return { lines, porcelain: blame.stdout };
}
