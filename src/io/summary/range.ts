/** Which commits a summary covers: a range given (`A..B`, `A...B`, `A`), else the current branch
 * against the branch it will merge into. */
import { CommandError } from "../../core/errors.ts";
import { resolveCommit } from "../commits.ts";
import { git, gitRaw, splitLines } from "../git.ts";
import { gitCwd, type Repo } from "../repo.ts";

/** A resolved range: its text, the merge base (what the branch's diff starts from) and its tip. */
export interface ResolvedRange {
  range: string;
  base: string;
  tip: string;
  /** Its commits, oldest first, merges left out, with their subjects. */
  commits: { sha: string; subject: string }[];
}

/** Resolves `arg` (or the default range) to commits. */
export async function resolveRange(repo: Repo, arg: string | undefined): Promise<ResolvedRange> {
  const [from, to, label] = arg === undefined ? await defaultRange(repo) : split(arg);
  const [start, tip] = await Promise.all([resolveCommit(repo, from), resolveCommit(repo, to)]);
  const cwd = gitCwd(repo);
  const base = (await git(["merge-base", start, tip], { cwd, okCodes: [1] })).stdout.trim() ||
    start;
  const listed = await git([
    "log",
    "--no-show-signature",
    "--no-merges",
    "--reverse",
    "--format=%H%x00%s",
    `${base}..${tip}`,
    "--",
  ], { cwd });
  const commits = splitLines(listed.stdout).map((line) => {
    const [sha, subject] = line.split("\0");
    return { sha: sha!, subject: subject ?? "" };
  });
  return { range: label, base, tip, commits };
}

function split(arg: string): [string, string, string] {
  const dots = arg.includes("...") ? "..." : arg.includes("..") ? ".." : null;
  if (!dots) return [arg, "HEAD", `${arg}..HEAD`];
  const [from, to] = arg.split(dots) as [string, string];
  return [from || "HEAD", to || "HEAD", arg];
}

/** The branch's upstream when it is another branch (a branch tracking its own remote copy is
 * not its base), else the remote's default branch, else main or master. */
async function defaultRange(repo: Repo): Promise<[string, string, string]> {
  const cwd = gitCwd(repo);
  const ask = async (args: string[]) => {
    const result = await gitRaw(args, { cwd });
    return result.code === 0 ? result.stdout.trim() : "";
  };
  const branch = await ask(["symbolic-ref", "--short", "-q", "HEAD"]);
  const upstream = await ask(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]);
  const candidates = [
    upstream && upstream.replace(/^[^/]+\//, "") !== branch ? upstream : "",
    await ask(["symbolic-ref", "--short", "-q", "refs/remotes/origin/HEAD"]),
    "main",
    "master",
    "origin/main",
    "origin/master",
  ].filter((c) => c && c !== branch);
  for (const candidate of candidates) {
    if (await ask(["rev-parse", "--verify", "-q", "--end-of-options", `${candidate}^{commit}`])) {
      return [candidate, "HEAD", `${candidate}..${branch || "HEAD"}`];
    }
  }
  throw new CommandError(
    "no range given and no branch to compare with (no upstream, main or master); name one, e.g. 'summary main..HEAD'",
  );
}
