/** Setting up a repository's git side (post-commit/post-rewrite hooks, notes rewrite config), for init and install. */
import { relative } from "node:path";
import { repoRelative } from "../core/paths.ts";
import type { Context } from "./context.ts";
import { CHAINED, configureRewrite, installHook, rewriteGaps } from "./git_hooks.ts";
import type { Repo } from "./repo.ts";

/** The git hooks git-atrace installs, with the arguments each runs. */
export const GIT_HOOKS: [string, string[]][] = [
  ["post-commit", ["link", "--post-commit"]],
  ["post-rewrite", ["repair", "--post-rewrite"]],
];

/**
 * Installs the git hooks and the notes rewrite config, reporting each change on stdout (one line
 * saying nothing changed when all was in place already).
 */
export async function setupGit(repo: Repo, ctx: Context): Promise<void> {
  const lines: string[] = [];
  let unchanged = 0;
  for (const [name, hookArgs] of GIT_HOOKS) {
    const hook = await installHook(repo, name, hookArgs);
    const detail = hook.state === "chained"
      ? ` (existing hook kept as ${hook.name}${CHAINED} and run first)`
      : "";
    if (hook.state === "unchanged") {
      unchanged++;
      lines.push(`already installed: ${hook.name} hook: ${hook.path}`);
    } else lines.push(`${hook.state} ${hook.name} hook: ${hook.path}${detail}`);
    const inGitDir =
      repoRelative(hook.path, repo.commonDir, [repo.commonDir, repo.gitDir]) !== null;
    if (repo.root && !inGitDir && repoRelative(hook.path, repo.root, [repo.root]) !== null) {
      await ctx.stderr.write(
        `warning: '${
          relative(repo.root, hook.path)
        }' is in the work tree (core.hooksPath): it runs the git-atrace on PATH, else this machine's; commit it only if your team installs git-atrace\n`,
      );
    }
  }
  const changed = await configureRewrite(repo);
  if (unchanged === GIT_HOOKS.length && !changed.length) {
    await ctx.stdout.write(
      "git-atrace is already set up in this repository: post-commit and post-rewrite hooks, notes rewrite config (nothing changed)\n",
    );
    return;
  }
  for (const setting of changed) lines.push(`set ${setting}`);
  if (!changed.length) lines.push("notes rewrite config already set");
  await ctx.stdout.write(lines.map((l) => l + "\n").join(""));
}

/** What `setupGit` would change, as lines for a dry run. */
export async function planGit(repo: Repo): Promise<string[]> {
  const gaps = await rewriteGaps(repo);
  return [
    `would install the ${GIT_HOOKS.map(([name]) => name).join(" and ")} git hooks`,
    ...gaps.refs.map((ref) => `would set notes.rewriteRef=${ref}`),
    ...Object.keys(gaps.keys).map((key) => `would set ${key}=true`),
  ];
}
