/** `git atrace version`: version, Deno version and build target. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { versionLine } from "../version.ts";

/** The version command. */
export const version: Command = {
  name: "version",
  summary: "print git-atrace's version, Deno version and target",
  usage: ["version", "--version"],
  async run(args, ctx) {
    parseCommand("version", args, {}, { max: 0 });
    await ctx.stdout.write(versionLine() + "\n");
    return 0;
  },
};
