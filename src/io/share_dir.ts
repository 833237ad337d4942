/** Staging a session's files in the shared directory, and only those files. */
import { relative } from "node:path";
import { git, splitNul } from "./git.ts";
import type { Repo } from "./repo.ts";

/** Stages the given paths (additions and removals) without touching anything else in the index. */
export async function stagePaths(repo: Repo & { root: string }, paths: string[]): Promise<void> {
  const rel = paths.map((p) => relative(repo.root, p));
  const tracked = splitNul(
    (await git(["ls-files", "-z", "--", ...rel], { cwd: repo.root })).stdout,
  );
  const present: string[] = [];
  for (const [i, path] of paths.entries()) {
    const exists = await Deno.stat(path).then(() => true, () => false);
    if (exists || tracked.includes(rel[i]!)) present.push(rel[i]!);
  }
  if (present.length) await git(["add", "-A", "--", ...present], { cwd: repo.root });
}

/** True when git would ignore a file at `path`. */
export async function isIgnored(repo: Repo & { root: string }, path: string): Promise<boolean> {
  const result = await git(["check-ignore", "-q", "--", relative(repo.root, path)], {
    cwd: repo.root,
    okCodes: [1],
  });
  return result.code === 0;
}
