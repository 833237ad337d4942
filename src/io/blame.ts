/** Blaming a file: one `git blame --porcelain` plus one read of each notes ref. */
import { type BlameLine, combineBlame, parsePorcelain } from "../core/blame.ts";
import { git } from "./git.ts";
import { readLinks, readRanges } from "./notes.ts";
import type { Repo } from "./repo.ts";

/** Blames `path` (repo-relative) at `rev` (default: the working tree), optionally lines [a, b]. */
export async function blameFile(
  repo: Repo,
  path: string,
  rev?: string,
  range?: [number, number],
): Promise<BlameLine[]> {
  const cwd = repo.root ?? repo.gitDir;
  const args = ["blame", "--porcelain"];
  if (range) args.push("-L", `${range[0]},${range[1]}`);
  if (rev) args.push(rev);
  args.push("--", path);
  const [blame, links, records] = await Promise.all([
    git(args, { cwd }),
    readLinks(repo),
    readRanges(repo),
  ]);
  return combineBlame(parsePorcelain(blame.stdout), links, records);
}
