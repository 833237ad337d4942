/** `git atrace init [--uninstall]`: git hooks that link agent commits and keep notes through rewrites. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { unconfigureRewrite, uninstallHook } from "../io/git_hooks.ts";
import { GIT_HOOKS, setupGit } from "../io/git_setup.ts";
import { requireRepo } from "../io/repo.ts";

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
      for (const [name] of GIT_HOOKS) {
        const removed = await uninstallHook(repo, name);
        await ctx.stdout.write(`${removed ? "removed" : "not installed:"} ${name} hook\n`);
      }
      await unconfigureRewrite(repo);
      await ctx.stdout.write("unset notes.rewriteRef for refs/notes/atrace and atrace-ranges\n");
      return 0;
    }
    await setupGit(repo, ctx);
    return 0;
  },
};
