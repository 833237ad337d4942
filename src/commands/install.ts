/** `git atrace install [<agent>…] [--global] [--dry-run]`: sets up agents' hooks to call git-atrace. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { listAgents, runInstall } from "../io/install_run.ts";

/** The install command. */
export const install: Command = {
  name: "install",
  summary: "set up an agent's hooks (project by default); without an agent, list agents",
  usage: ["install [<agent>…] [--global] [--dry-run]"],
  options: [
    ["--global", "write the user-level config instead of the repository's"],
    ["--dry-run", "print what would be written, change nothing"],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("install", args, {
      global: { type: "boolean" },
      "dry-run": { type: "boolean" },
    });
    if (!positionals.length) return await listAgents(ctx);
    return await runInstall({
      agents: positionals,
      global: values.global ?? false,
      dryRun: values["dry-run"] ?? false,
      remove: false,
    }, ctx);
  },
};
