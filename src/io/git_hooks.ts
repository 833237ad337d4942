/** Installing git's post-commit and post-rewrite hooks (chaining existing ones) and the notes config. */
import { join, resolve } from "node:path";
import { ENV_MARKERS } from "../agents/env.ts";
import { CommandError } from "../core/errors.ts";
import { readTextOrNull, statOrNull, writeAtomic } from "./fs.ts";
import { git } from "./git.ts";
import { LINKS_REF, RANGES_REF } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { selfCommand } from "./self.ts";

const MARK = "# git-atrace hook (installed by git atrace init)";
/** The suffix an existing hook is renamed to; the new hook runs it first. */
export const CHAINED = ".atrace-chained";

/** What init did to one hook. */
export interface HookInstall {
  name: string;
  path: string;
  state: "installed" | "updated" | "unchanged" | "chained";
}

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The script of one hook: run the chained hook (with stdin), then git-atrace, keep the chained hook's status.
 * post-commit starts git-atrace in an agent's shell, or when the repository has sessions (a person
 * may be committing an agent's edits), so commits in repositories without sessions cost nothing.
 */
function hookScript(name: string, args: string[]): string {
  const fallback = selfCommand([]).map(quote).join(" ");
  const self = `atrace ${args.map(quote).join(" ")}`;
  const stdin = name === "post-rewrite";
  const markers = ENV_MARKERS.map((v) => `\${${v}:-}`).join("");
  return [
    "#!/bin/sh",
    MARK,
    "# The git-atrace on PATH if there is one (it survives upgrades and moves), else the one that ran init.",
    `atrace() { if command -v git-atrace >/dev/null 2>&1; then git-atrace "$@"; else ${fallback} "$@"; fi; }`,
    `chained="$(dirname "$0")/${name}${CHAINED}"`,
    stdin ? 'input="$(cat)"' : "",
    "status=0",
    stdin
      ? `if [ -x "$chained" ]; then printf '%s\\n' "$input" | "$chained" "$@" || status=$?; fi`
      : `if [ -x "$chained" ]; then "$chained" "$@" || status=$?; fi`,
    stdin
      ? `printf '%s\\n' "$input" | ${self} "$@" >/dev/null 2>&1 || true`
      : `if [ -n "${markers}" ] || [ -d "$(git rev-parse --git-common-dir 2>/dev/null)/trace/sessions" ]; then ${self} >/dev/null 2>&1 </dev/null || true; fi`,
    "exit $status",
    "",
  ].filter((l) => l !== "").join("\n") + "\n";
}

/** Installs `name` running git-atrace `args`, keeping a foreign hook as `<name>.atrace-chained`. */
export async function installHook(repo: Repo, name: string, args: string[]): Promise<HookInstall> {
  const dir = await hooksDir(repo);
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const current = await readTextOrNull(path);
  const script = hookScript(name, args);
  if (current === script) return { name, path, state: "unchanged" };
  let state: HookInstall["state"] = "installed";
  if (current !== null && current.includes(MARK)) state = "updated";
  else if (current !== null) {
    if (await statOrNull(path + CHAINED)) {
      throw new CommandError(
        `'${path}' is not git-atrace's hook and '${name}${CHAINED}' is taken: move one of them away`,
      );
    }
    await Deno.rename(path, path + CHAINED);
    state = "chained";
  }
  await writeAtomic(path, script);
  // Git for Windows runs hooks without the executable bit, and Deno.chmod throws there.
  if (Deno.build.os !== "windows") await Deno.chmod(path, 0o755);
  return { name, path, state };
}

/** The hooks directory git uses (core.hooksPath respected). */
async function hooksDir(repo: Repo): Promise<string> {
  const cwd = gitCwd(repo);
  return resolve(cwd, (await git(["rev-parse", "--git-path", "hooks"], { cwd })).stdout.trim());
}

/** What keeps notes from following amend and rebase: notes refs missing from notes.rewriteRef, and rewrite switches not set to true (unset or false). */
export async function rewriteGaps(
  repo: Repo,
): Promise<{ refs: string[]; keys: Record<string, string> }> {
  const cwd = gitCwd(repo);
  const current = await git(["config", "--get-all", "notes.rewriteRef"], { cwd, okCodes: [1] });
  const have = new Set(current.stdout.split("\n").map((l) => l.trim()));
  const keys: Record<string, string> = {};
  for (const key of ["notes.rewrite.amend", "notes.rewrite.rebase"]) {
    const value = (await git(["config", "--get", key], { cwd, okCodes: [1] })).stdout.trim();
    if (value !== "true") keys[key] = value;
  }
  return { refs: [LINKS_REF, RANGES_REF].filter((ref) => !have.has(ref)), keys };
}

/** Sets notes.rewriteRef for both refs and notes.rewrite.amend/rebase; returns what it changed. */
export async function configureRewrite(repo: Repo): Promise<string[]> {
  const cwd = gitCwd(repo);
  const gaps = await rewriteGaps(repo);
  for (const ref of gaps.refs) await git(["config", "--add", "notes.rewriteRef", ref], { cwd });
  for (const key of Object.keys(gaps.keys)) await git(["config", key, "true"], { cwd });
  return [
    ...gaps.refs.map((ref) => `notes.rewriteRef=${ref}`),
    ...Object.keys(gaps.keys).map((k) => `${k}=true`),
  ];
}

/** Removes git-atrace's hook `name`, putting a chained hook back; false when it was not installed. */
export async function uninstallHook(repo: Repo, name: string): Promise<boolean> {
  const path = join(await hooksDir(repo), name);
  const current = await readTextOrNull(path);
  if (current === null || !current.includes(MARK)) return false;
  await Deno.remove(path);
  if (await statOrNull(path + CHAINED)) await Deno.rename(path + CHAINED, path);
  return true;
}

/** Unsets the notes rewrite settings for git-atrace's refs (other refs are left alone). */
export async function unconfigureRewrite(repo: Repo): Promise<void> {
  const cwd = gitCwd(repo);
  for (const ref of [LINKS_REF, RANGES_REF]) {
    const pattern = `^${ref.replaceAll("/", "\\/").replaceAll("-", "\\-")}$`;
    await git(["config", "--unset-all", "notes.rewriteRef", pattern], { cwd, okCodes: [5] });
  }
}
