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
  /**
   * Blame a few lines around numeric `ranges` too (then keep only the asked ones), so that blank
   * lines at their edges see their neighbours; the porcelain text returned covers the wider lines.
   */
  context?: boolean;
}

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export async function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  const { lines } = await blameDetailed(gitCwd(repo), path, {
    ...(rev === undefined ? {} : { rev }),
    ranges: range ? [`${range[0]},${range[1]}`] : [],
    repo,
    context: true,
  });
  return lines;
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
  const asked = options.context ? numericRanges(options.ranges ?? []) : null;
  if (asked) {
    for (const [a, b] of asked) args.push("-L", `${Math.max(1, a - CONTEXT)},${b + CONTEXT}`);
  } else for (const range of options.ranges ?? []) args.push("-L", range);
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
  const kept = asked?.length
    ? lines.filter((l) => asked.some(([a, b]) => l.line >= a && l.line <= b))
    : lines;
  return { lines: kept, porcelain: blame.stdout };
}

/** `-L` values as [first, last] line pairs when all are numeric (`a,b`, `a,+n`, `a,-n`), else null. */
function numericRanges(ranges: string[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (const range of ranges) {
    const m = /^(\d+),([+-]?)(\d+)$/.exec(range);
    if (!m) return null;
    const start = Number(m[1]);
    const n = Number(m[3]);
    if (m[2] === "+") out.push([start, start + Math.max(n, 1) - 1]);
    else if (m[2] === "-") out.push([Math.max(1, start - Math.max(n, 1) + 1), start]);
    else out.push([Math.min(start, n), Math.max(start, n)]);
  }
  return out;
}
