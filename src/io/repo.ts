/** Finding the repository (work tree, git dir, common dir) that a command or hook acts on. */
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { FatalError } from "../core/errors.ts";
import { gitRaw } from "./git.ts";

/** A repository as git sees it from some directory. */
export interface Repo {
  /** The work tree's top level; null in a bare repository. */
  root: string | null;
  /** This work tree's git dir (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** The directory shared by all worktrees: the store lives under it. */
  commonDir: string;
  /** The directory git was asked from, relative to root ('' at the top). */
  prefix: string;
}

/** The repository containing `dir`, or null when `dir` is in none (or does not exist); fatal when git itself fails. */
export async function findRepo(dir: string): Promise<Repo | null> {
  if (!(await Deno.stat(dir).catch(() => null))?.isDirectory) return null;
  const result = await gitRaw([
    "rev-parse",
    "--path-format=absolute",
    "--git-common-dir",
    "--absolute-git-dir",
    "--is-bare-repository",
    "--show-toplevel",
    "--show-prefix",
  ], { cwd: dir });
  const lines = result.stdout.split("\n");
  const [commonDir, gitDir, bare] = lines;
  if (result.code !== 0 && /not a git repository/.test(result.stderr)) return null;
  if (!commonDir || !gitDir || bare === undefined || bare === "") {
    throw new FatalError(
      `git rev-parse failed in '${dir}': ${result.stderr.trim() || `exit ${result.code}`}`,
    );
  }
  if (bare === "true") return { root: null, gitDir, commonDir, prefix: "" };
  if (result.code !== 0 || !lines[3]) return null;
  return { root: lines[3], gitDir, commonDir, prefix: lines[4] ?? "" };
}

/** The repository for a command run in `cwd`; fatal when there is none. */
export async function requireRepo(cwd: string): Promise<Repo> {
  const repo = await findRepo(cwd);
  if (!repo) throw new FatalError("not a git repository (or any of the parent directories): .git");
  return repo;
}

/** Like requireRepo, but also requires a work tree. */
export async function requireWorkTree(cwd: string): Promise<Repo & { root: string }> {
  const repo = await requireRepo(cwd);
  if (repo.root === null) throw new FatalError("this operation must be run in a work tree");
  return repo as Repo & { root: string };
}

/** `<common dir>/trace`: the private area for sessions, the lock files and the hook log. */
export function traceDir(repo: Repo): string {
  return join(repo.commonDir, "trace");
}

/** The work tree root and, when it differs, its symlink-free spelling (paths may use either). */
export async function rootAliases(root: string): Promise<string[]> {
  const real = await Deno.realPath(root).catch(() => root);
  return real === root ? [root] : [root, real];
}

/** `path` (absolute, or relative to `cwd`) with its directory's symlinks resolved, when that directory exists. */
export async function resolveDirLinks(path: string, cwd: string): Promise<string> {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  const dir = await Deno.realPath(dirname(abs)).catch(() => null);
  return dir ? join(dir, basename(abs)) : abs;
}

/** The directory to run git in for `repo`: its work tree, or the git dir of a bare repository. */
export function gitCwd(repo: Repo): string {
  return repo.root ?? repo.gitDir;
}
