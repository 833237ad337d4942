/** The shared directory's side of git: staging a session's files (and only those), taking them back. */
import { relative, sep } from "node:path";
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
import type { Repo } from "./repo.ts";
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

/** True when git would ignore a file at `path`. */
export async function isIgnored(repo: Repo & { root: string }, path: string): Promise<boolean> {
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
  return written;
}
