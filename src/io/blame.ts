/**
 * Blaming a file: one `git blame --porcelain` (by default whitespace changes ignored, moves and
 * copies followed) plus one `git grep` over both notes refs, after catching up with commits no hook
 * saw.
 */
import { type BlameLine, combineBlame, fillBlankLines, parsePorcelain } from "../core/blame.ts";
import { FatalError } from "../core/errors.ts";
import { isStale } from "../core/relocate.ts";
import { catchUp } from "./catch_up.ts";
import { git } from "./git.ts";
import { readAllNotesAt } from "./notes.ts";
import { findRepo, gitCwd, type Repo } from "./repo.ts";
import { relocateRecords } from "./rewrite.ts";

/**
 * What blame follows unless told otherwise: lines whose only change is whitespace, moves and copies
 * of at least 40 alphanumeric characters (git's default of 20 takes a person's three lines of stock
 * code, like `if not rows: return None`, for a copy of an agent's).
 */
export const FOLLOW = ["-w", "-M40", "-C40"] as const;
/** Lines blamed around a requested range, so that blank lines can see their neighbours. */
const CONTEXT = 8;

/** git blame's own options, passed through to it. */
export interface BlameOptions {
  /** The revision to blame at (default: the working tree). */
  rev?: string;
  /** `-L` values as git takes them: `a,b`, `a,+n`, `a,-n`, `:funcname`, `/regex/`. */
  ranges?: string[];
  /** Flags git blame takes as they are: `-w`, `-M[<n>]`, `-C[<n>]`, `--root` (none: `FOLLOW`). */
  flags?: string[];
  /** Ask git for `--line-porcelain` (every header on every line) instead of `--porcelain`. */
  linePorcelain?: boolean;
  /** The repository, when already found (for the catch-up). */
  repo?: Repo;
}

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export async function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  const from = range ? Math.max(1, range[0] - CONTEXT) : 1;
  const { lines } = await blameDetailed(gitCwd(repo), path, {
    ...(rev === undefined ? {} : { rev }),
    ranges: range ? [`${from},${range[1] + CONTEXT}`] : [],
    repo,
  });
  return range ? lines.filter((l) => l.line >= range[0] && l.line <= range[1]) : lines;
}

/** Like blameFile, also returning git's porcelain text (for authors, dates and `--porcelain`). */
export async function blameDetailed(
  cwd: string,
  path: string,
  options: BlameOptions,
): Promise<{ lines: BlameLine[]; porcelain: string }> {
  const { rev } = options;
  // git blame takes no --end-of-options: a revision must not pass for an option (--contents).
  if (rev?.startsWith("-")) throw new FatalError(`bad revision '${rev}'`);
  const follow = options.flags?.some((f) => /^-[wMC]/.test(f)) ? [] : FOLLOW;
  const args = [
    "-c",
    "core.quotePath=false",
    "blame",
    options.linePorcelain ? "--line-porcelain" : "--porcelain",
    "--no-textconv",
    ...follow,
    ...(options.flags ?? []),
  ];
  for (const range of options.ranges ?? []) args.push("-L", range);
  if (rev) args.push(rev);
  args.push("--", path);
  const [blame, first, caught] = await Promise.all([
    git(args, { cwd }),
    readAllNotesAt(cwd),
    catchUp(options.repo ?? cwd, new Date()).catch(() => false),
  ]);
  let notes = caught ? await readAllNotesAt(cwd) : first;
  const porcelain = parsePorcelain(blame.stdout);
  const stale = [...new Set(porcelain.map((l) => l.commit))].filter((c): c is string =>
    !!c && (notes.ranges.get(c) ?? []).some((r) => isStale(r, c))
  );
  if (stale.length) {
    const found = options.repo ?? await findRepo(cwd);
    if (found) await relocateRecords(found, stale);
    notes = await readAllNotesAt(cwd);
  }
  const lines = fillBlankLines(combineBlame(porcelain, notes.links, notes.ranges));
  return { lines, porcelain: blame.stdout };
}
