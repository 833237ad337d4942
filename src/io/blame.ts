/**
 * Blaming a file: one `git blame --porcelain` (whitespace changes ignored, moves and copies followed)
 * plus one `git grep` over both notes refs, after catching up with commits no hook saw.
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
 * What git blame follows by default: lines whose only change is whitespace, moves and copies of at
 * least 40 alphanumeric characters (git's default of 20 takes a person's three lines of stock code,
 * like `if not rows: return None`, for a copy of an agent's).
 */
const FOLLOW = ["-w", "-M40", "-C40"] as const;
/** Lines blamed around a requested range, so that blank lines can see their neighbours. */
const CONTEXT = 8;

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  return blameAt(gitCwd(repo), path, rev, range, FOLLOW, repo);
}

/**
 * Blames `path` relative to `cwd` (any directory); `follow` are git blame's options for whitespace,
 * moves and copies (default all of `FOLLOW`; `[]` follows nothing); `repo` when already found.
 */
export async function blameAt(
  cwd: string,
  path: string,
  rev?: string,
  range?: [number, number],
  follow: readonly string[] = FOLLOW,
  repo?: Repo,
): Promise<BlameLine[]> {
  // git blame takes no --end-of-options: a revision must not pass for an option (--contents).
  if (rev?.startsWith("-")) throw new FatalError(`bad revision '${rev}'`);
  const args = ["-c", "core.quotePath=false", "blame", "--porcelain", "--no-textconv", ...follow];
  const from = range ? Math.max(1, range[0] - CONTEXT) : 1;
  if (range) args.push("-L", `${from},${range[1] + CONTEXT}`);
  if (rev) args.push(rev);
  args.push("--", path);
  const [blame, first, caught] = await Promise.all([
    git(args, { cwd }),
    readAllNotesAt(cwd),
    catchUp(repo ?? cwd, new Date()).catch(() => false),
  ]);
  let notes = caught ? await readAllNotesAt(cwd) : first;
  const porcelain = parsePorcelain(blame.stdout);
  const stale = [...new Set(porcelain.map((l) => l.commit))].filter((c): c is string =>
    !!c && (notes.ranges.get(c) ?? []).some((r) => isStale(r, c))
  );
  if (stale.length) {
    const found = repo ?? await findRepo(cwd);
    if (found) await relocateRecords(found, stale);
    notes = await readAllNotesAt(cwd);
  }
  const lines = fillBlankLines(combineBlame(porcelain, notes.links, notes.ranges));
  return range ? lines.filter((l) => l.line >= range[0] && l.line <= range[1]) : lines;
}
