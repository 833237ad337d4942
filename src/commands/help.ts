/** `git atrace help [<command>]`: the command overview, or one command's usage. */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import { renderHelp, renderUsage } from "../core/help.ts";
import type { Command } from "../io/context.ts";
import { VERSION } from "../version.ts";
import { loadAllCommands, loadCommand } from "./registry.ts";

/** The help command. */
export const help: Command = {
  name: "help",
  summary: "show this overview, or a command's usage",
  usage: ["help [<command>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("help", args, {}, { max: 1 });
    if (positionals[0]) {
      const command = await loadCommand(positionals[0]);
      if (!command) throw new UsageError(`'${positionals[0]}' is not a git atrace command`);
      await ctx.stdout.write(`${command.summary}\n\n${renderUsage(command)}`);
      return 0;
    }
    await ctx.stdout.write(renderHelp(VERSION, await loadAllCommands()));
    return 0;
  },
};
