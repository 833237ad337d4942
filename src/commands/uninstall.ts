/** `git atrace uninstall <agent>… [--global] [--dry-run]`: removes git-atrace's hooks, keeping the rest. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { runInstall } from "../io/install_run.ts";

/** The uninstall command. */
export const uninstall: Command = {
  name: "uninstall",
  summary: "remove git-atrace's hooks from an agent's config (other hooks are kept)",
  usage: ["uninstall <agent>… [--global] [--dry-run]"],
  options: [
    ["--global", "change the user-level config instead of the repository's"],
    ["--dry-run", "print what would change, change nothing"],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("uninstall", args, {
      global: { type: "boolean" },
      "dry-run": { type: "boolean" },
    }, { min: 1 });
    return await runInstall({
      agents: positionals,
      global: values.global ?? false,
      dryRun: values["dry-run"] ?? false,
      remove: true,
    }, ctx);
  },
};
