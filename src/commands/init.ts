/** `git atrace init`: git hooks that link agent commits and keep notes through rewrites. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { configureRewrite, installHook } from "../io/git_hooks.ts";
import { requireRepo } from "../io/repo.ts";

/** The init command. */
export const init: Command = {
  name: "init",
  summary: "install the post-commit/post-rewrite git hooks and notes rewrite config",
  usage: ["init"],
  async run(args, ctx) {
    parseCommand("init", args, {}, { max: 0 });
    const repo = await requireRepo(ctx.cwd);
    const hooks = [
      await installHook(repo, "post-commit", ["link", "--post-commit"]),
      await installHook(repo, "post-rewrite", ["repair", "--post-rewrite"]),
    ];
    for (const hook of hooks) {
      const detail = hook.state === "chained"
        ? ` (existing hook kept as ${hook.name}.atrace-chained and run first)`
        : "";
      await ctx.stdout.write(`${hook.state} ${hook.name} hook: ${hook.path}${detail}\n`);
    }
    const changed = await configureRewrite(repo);
    for (const setting of changed) await ctx.stdout.write(`set ${setting}\n`);
    if (!changed.length) await ctx.stdout.write("notes rewrite config already set\n");
    return 0;
  },
};
