/** `git atrace init [--uninstall]`: git hooks that link agent commits and keep notes through rewrites. */
import { relative } from "node:path";
import { parseCommand } from "../core/args.ts";
import { repoRelative } from "../core/paths.ts";
import type { Command } from "../io/context.ts";
import {
  CHAINED,
  configureRewrite,
  installHook,
  unconfigureRewrite,
  uninstallHook,
} from "../io/git_hooks.ts";
import { requireRepo } from "../io/repo.ts";

const HOOKS: [string, string[]][] = [
  ["post-commit", ["link", "--post-commit"]],
  ["post-rewrite", ["repair", "--post-rewrite"]],
];

/** The init command. */
export const init: Command = {
  name: "init",
  summary: "install the post-commit/post-rewrite git hooks and notes rewrite config",
  usage: ["init [--uninstall]"],
  options: [["--uninstall", "remove the hooks (restoring chained ones) and the rewrite config"]],
  async run(args, ctx) {
    const { values } = parseCommand("init", args, { uninstall: { type: "boolean" } }, { max: 0 });
    const repo = await requireRepo(ctx.cwd);
    if (values.uninstall) {
      for (const [name] of HOOKS) {
        const removed = await uninstallHook(repo, name);
        await ctx.stdout.write(`${removed ? "removed" : "not installed:"} ${name} hook\n`);
      }
      await unconfigureRewrite(repo);
      await ctx.stdout.write("unset notes.rewriteRef for refs/notes/atrace and atrace-ranges\n");
      return 0;
    }
    const lines: string[] = [];
    let unchanged = 0;
    for (const [name, hookArgs] of HOOKS) {
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
    if (unchanged === HOOKS.length && !changed.length) {
      await ctx.stdout.write(
        "git-atrace is already set up in this repository: post-commit and post-rewrite hooks, notes rewrite config (nothing changed)\n",
      );
      return 0;
    }
    for (const setting of changed) lines.push(`set ${setting}`);
    if (!changed.length) lines.push("notes rewrite config already set");
    await ctx.stdout.write(lines.map((l) => l + "\n").join(""));
    return 0;
  },
};
