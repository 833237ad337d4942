/**
 * `git atrace uninstall <agent>… [--global] [--dry-run]`: removes git-atrace's hooks, keeping the
 * rest; `git atrace uninstall --self [--old]` removes installed copies of git-atrace itself.
 */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import type { Command } from "../io/context.ts";
import { runInstall } from "../io/install_run.ts";
import { uninstallSelf } from "../io/self_uninstall.ts";

/** The uninstall command. */
export const uninstall: Command = {
  name: "uninstall",
  summary: "remove git-atrace's hooks from an agent's config, or git-atrace itself (--self)",
  usage: ["uninstall <agent>… [--global] [--dry-run]", "uninstall --self [--old] [--dry-run]"],
  options: [
    ["--global", "change the user-level config instead of the repository's"],
    ["--dry-run", "print what would change, change nothing"],
    ["--self", "remove git-atrace itself: every installed copy, its launchers and man page"],
    ["--old", "with --self: only the copies the launchers no longer run"],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("uninstall", args, {
      global: { type: "boolean" },
      "dry-run": { type: "boolean" },
      self: { type: "boolean" },
      old: { type: "boolean" },
    }, args.includes("--self") ? { max: 0 } : { min: 1 });
    if (values.self) {
      if (values.global) {
        throw new UsageError("--global does not go with --self", { cause: "uninstall" });
      }
      return await uninstallSelf(
        { old: values.old ?? false, dryRun: values["dry-run"] ?? false },
        ctx,
      );
    }
    if (values.old) throw new UsageError("--old goes with --self", { cause: "uninstall" });
    return await runInstall({
      agents: positionals,
      global: values.global ?? false,
      dryRun: values["dry-run"] ?? false,
      remove: true,
    }, ctx);
  },
};
