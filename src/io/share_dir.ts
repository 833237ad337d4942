/** The shared directory's side of git: staging a session's files (and only those), taking them back. */
import { dirname, isAbsolute, relative, sep } from "node:path";
import { CommandError } from "../core/errors.ts";
import {
  ensurePrivateDir,
  type FileData,
  lstatOrNull,
  removeIfExists,
  statOrNull,
  writeAtomic,
  writePrivate,
} from "./fs.ts";
import { git, splitNul } from "./git.ts";
import { findRepo, type Repo } from "./repo.ts";
import { readBounded } from "./safe_path.ts";
import { type Ext, EXTENSIONS, LEGACY_EVENTS, listIds, sessionPath, sharedDir } from "./store.ts";

/** `path` as git names it: relative to the work tree root, with '/' separators. */
function gitPath(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}

/** Stages the given paths (additions and removals) without touching anything else in the index. */
export async function stagePaths(repo: Repo & { root: string }, paths: string[]): Promise<void> {
  if (!paths.length) return;
  const rel = paths.map((p) => gitPath(repo.root, p));
  const tracked = new Set(
    splitNul(
      (await git(["--literal-pathspecs", "ls-files", "-z", "--", ...rel], { cwd: repo.root }))
        .stdout,
    ),
  );
  const present: string[] = [];
  for (const [i, path] of paths.entries()) {
    if ((await statOrNull(path)) || tracked.has(rel[i]!)) present.push(rel[i]!);
  }
  if (present.length) {
    await git(["--literal-pathspecs", "add", "-A", "--", ...present], { cwd: repo.root });
  }
}

/**
 * Why git could not stage a session file at `probe` in the share directory `dir`, or null when it
 * can: outside the work tree, inside git's own directory, in another repository, or ignored.
 */
export async function unstageable(
  repo: Repo & { root: string },
  dir: string,
  probe: string,
): Promise<string | null> {
  const inTree = relative(repo.root, dir);
  const parts = inTree.split(sep);
  if (isAbsolute(inTree) || parts[0] === "..") {
    return `the share directory '${dir}' is outside the work tree`;
  }
  if (
    parts.some((part) => part.toLowerCase() === ".git") || within(dir, repo.gitDir) ||
    within(dir, repo.commonDir)
  ) {
    return `the share directory '${inTree}' is inside git's own directory, where git stages nothing`;
  }
  const existing = await nearestDir(dir);
  const owner = existing ? await findRepo(existing) : null;
  const real = await Deno.realPath(repo.root).catch(() => repo.root);
  if (owner?.root && owner.root !== repo.root && owner.root !== real) {
    return `the share directory '${inTree}' is inside another repository ('${owner.root}')`;
  }
  if (await isIgnored(repo, probe)) return `the share directory '${inTree}' is ignored by git`;
  return null;
}

function within(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

async function nearestDir(path: string): Promise<string | null> {
  for (let current = path;; current = dirname(current)) {
    if ((await statOrNull(current))?.isDirectory) return current;
    if (dirname(current) === current) return null;
  }
}

/** True when git would ignore a file at `path`. */
async function isIgnored(repo: Repo & { root: string }, path: string): Promise<boolean> {
  const result = await git([
    "check-ignore",
    "-q",
    "--",
    gitPath(repo.root, path),
  ], {
    cwd: repo.root,
    okCodes: [1],
  });
  return result.code === 0;
}

/** Removes session `id`'s files from the shared `dir`, first copying them into `local` when it
 * has no private copy; returns the removed paths. */
export async function takeBack(dir: string, local: string, id: string): Promise<string[]> {
  const copy = !(await listIds(local)).has(id);
  if (copy) await ensurePrivateDir(local);
  const removed: string[] = [];
  for (const ext of [...EXTENSIONS, LEGACY_EVENTS] as const) {
    const path = sessionPath(dir, id, ext);
    const info = await lstatOrNull(path);
    if (!info) continue;
    // Only regular files are copied back (a symlink is removed, never followed).
    const bytes = info.isFile ? await readBounded(path) : null;
    const name = ext === LEGACY_EVENTS ? ".events" : ext;
    if (copy && bytes) await writePrivate(sessionPath(local, id, name), bytes);
    await removeIfExists(path);
    removed.push(path);
  }
  return removed;
}

/** True when the shared directory holds a copy of session `id`. */
export async function hasSharedCopy(repo: Repo, id: string): Promise<boolean> {
  const dir = await sharedDir(repo);
  return dir !== null && (await listIds(dir)).has(id);
}

/** Writes a session's files into the shared directory (atomically) and stages exactly those files. */
export async function putShared(
  repo: Repo & { root: string },
  dir: string,
  id: string,
  files: { ext: Ext; data: FileData }[],
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const dest = sessionPath(dir, id, file.ext);
    await writeAtomic(dest, file.data);
    written.push(dest);
  }
  // A copy shared by an older version named its event log `.events.jsonl`: replaced, not kept.
  const legacy = sessionPath(dir, id, LEGACY_EVENTS);
  if (await removeIfExists(legacy)) written.push(legacy);
  await stagePaths(repo, written);
  const staged = new Set(
    splitNul(
      (await git([
        "--literal-pathspecs",
        "ls-files",
        "-z",
        "--",
        ...written.map((p) => gitPath(repo.root, p)),
      ], {
        cwd: repo.root,
      })).stdout,
    ),
  );
  const missing = written.filter((p) => !staged.has(gitPath(repo.root, p)));
  if (missing.length) {
    throw new CommandError(
      `git did not stage '${
        gitPath(repo.root, missing[0]!)
      }'; the files were copied but are not staged`,
    );
  }
  return written;
}
