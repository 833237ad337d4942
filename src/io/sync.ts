/** Moving both notes refs to and from a remote; fetched notes are merged, never overwritten. */
import { CommandError, FatalError } from "../core/errors.ts";
import { git, gitRaw, splitLines } from "./git.ts";
import { NOTES_REFS, withNotesLock } from "./notes.ts";
import { commitIdentity } from "./identity.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** The remote to use: the one named, else the current branch's, else origin. */
export async function remoteFor(repo: Repo, name?: string): Promise<string> {
  const cwd = gitCwd(repo);
  let remote = name;
  if (!remote) {
    const branch = (await gitRaw(["symbolic-ref", "--short", "-q", "HEAD"], { cwd })).stdout.trim();
    const upstream = branch
      ? (await gitRaw(["config", "--get", `branch.${branch}.remote`], { cwd })).stdout.trim()
      : "";
    remote = upstream && upstream !== "." ? upstream : "origin";
  }
  const known = splitLines((await git(["remote"], { cwd })).stdout);
  if (!known.includes(remote)) {
    throw new FatalError(`'${remote}' does not appear to be a git remote`);
  }
  return remote;
}

/** Where a remote's copy of a notes ref is fetched to. */
function trackingRef(remote: string, ref: string): string {
  return `refs/notes/remotes/${remote}/${ref.slice("refs/notes/".length)}`;
}

/** One ref's outcome. */
export interface SyncResult {
  ref: string;
  state: "created" | "merged" | "up to date" | "absent" | "pushed";
}

/** Fetches both notes refs into `refs/notes/remotes/<remote>/…` and merges them with cat_sort_uniq. */
export async function fetchNotes(repo: Repo, remote: string): Promise<SyncResult[]> {
  const cwd = gitCwd(repo);
  const listed = await git(["ls-remote", remote, ...NOTES_REFS], { cwd });
  const present = new Set(splitLines(listed.stdout).map((l) => l.split("\t")[1]));
  const refs = NOTES_REFS.filter((r) => present.has(r));
  const results: SyncResult[] = NOTES_REFS.filter((r) => !present.has(r)).map((ref) => ({
    ref,
    state: "absent",
  }));
  if (!refs.length) return results;
  await git(["fetch", "-q", remote, ...refs.map((r) => `+${r}:${trackingRef(remote, r)}`)], {
    cwd,
  });
  const env = await commitIdentity(cwd);
  // Under the notes lock: a hook linking a commit meanwhile would otherwise fail, or be lost.
  await withNotesLock(repo, async () => {
    for (const ref of refs) results.push({ ref, state: await mergeRef(cwd, ref, remote, env) });
  });
  return results;
}

/** Merges the fetched copy of `ref` into the local one (cat_sort_uniq), or creates it. */
async function mergeRef(
  cwd: string,
  ref: string,
  remote: string,
  env: Record<string, string>,
): Promise<SyncResult["state"]> {
  const theirs = (await git(["rev-parse", trackingRef(remote, ref)], { cwd })).stdout.trim();
  const ours = await gitRaw(["rev-parse", "--verify", "-q", ref], { cwd });
  if (ours.code !== 0) {
    await git(["update-ref", ref, theirs, ""], { cwd });
    return "created";
  }
  const before = ours.stdout.trim();
  await git(
    ["notes", `--ref=${ref}`, "merge", "-q", "-s", "cat_sort_uniq", trackingRef(remote, ref)],
    { cwd, env },
  );
  const after = (await git(["rev-parse", ref], { cwd })).stdout.trim();
  return after === before ? "up to date" : "merged";
}

/** Pushes both local notes refs; when the remote has notes we lack, fetches and merges, then retries. */
export async function pushNotes(repo: Repo, remote: string): Promise<SyncResult[]> {
  const cwd = gitCwd(repo);
  const listed = await git(["for-each-ref", "--format=%(refname)", ...NOTES_REFS], { cwd });
  const refs = splitLines(listed.stdout);
  if (!refs.length) throw new CommandError("no notes to push: link a session first");
  const push = () =>
    gitRaw(["push", "--porcelain", remote, ...refs.map((r) => `${r}:${r}`)], { cwd });
  let result = await push();
  if (
    result.code !== 0 && /rejected|fetch first|non-fast-forward/.test(result.stdout + result.stderr)
  ) {
    await fetchNotes(repo, remote);
    result = await push();
  }
  if (result.code !== 0) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split("\n").at(-1);
    throw new CommandError(`cannot push notes to '${remote}': ${detail}`);
  }
  // --porcelain: "<flag>\t<from>:<to>\t<summary>", flag "=" for a ref that was already there.
  const unchanged = new Set(
    splitLines(result.stdout).filter((l) => l.startsWith("=\t")).map((l) =>
      l.split("\t")[1]!.split(":")[0]
    ),
  );
  return refs.map((ref) => ({ ref, state: unchanged.has(ref) ? "up to date" : "pushed" }));
}
