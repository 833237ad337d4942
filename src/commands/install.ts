/** `git atrace install [<agent>…] [--global] [--dry-run] [--no-git-hooks]`: sets up agents' hooks to call git-atrace. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { planGit, setupGit } from "../io/git_setup.ts";
import { listAgents, runInstall } from "../io/install_run.ts";
import { findRepo } from "../io/repo.ts";

/** The install command. */
export const install: Command = {
  name: "install",
  summary:
    "set up an agent's hooks and the repository's git hooks (project by default); without an agent, list agents",
  usage: ["install [<agent>…] [--global] [--dry-run] [--no-git-hooks]"],
  options: [
    ["--global", "write the user-level config instead of the repository's (no git hooks)"],
    ["--dry-run", "print what would be written, change nothing"],
    [
      "--no-git-hooks",
      "only the agent's hooks: no post-commit/post-rewrite git hooks, no notes rewrite config (what init sets up)",
    ],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("install", args, {
      global: { type: "boolean" },
      "dry-run": { type: "boolean" },
      "no-git-hooks": { type: "boolean" },
    });
    if (!positionals.length) return await listAgents(ctx);
    const global = values.global ?? false;
    const dryRun = values["dry-run"] ?? false;
    const code = await runInstall({ agents: positionals, global, dryRun, remove: false }, ctx);
    const repo = global || values["no-git-hooks"] ? null : await findRepo(ctx.cwd);
    if (!repo?.root) return code;
    if (dryRun) {
      for (const line of await planGit(repo)) await ctx.stdout.write(`git: ${line}\n`);
    } else await setupGit(repo, ctx);
    return code;
  },
};
