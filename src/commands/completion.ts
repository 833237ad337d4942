/** `git atrace completion bash|zsh|fish`: prints a completion script (commands, options, session ids, paths). */
import { INSTALL_SPECS } from "../agents/registry.ts";
import { parseCommand } from "../core/args.ts";
import { bashScript, candidates, fishScript, zshScript } from "../core/completion.ts";
import { UsageError } from "../core/errors.ts";
import { shortIds } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { findRepo } from "../io/repo.ts";
import { listSessions } from "../io/store.ts";
import { loadAllCommands } from "./registry.ts";

/** The completion command; `completion words <current> <words…>` is what the scripts call. */
export const completion: Command = {
  name: "completion",
  summary: "print a shell completion script: bash, zsh or fish",
  usage: ["completion (bash | zsh | fish)"],
  async run(args, ctx) {
    if (args[0] === "words") {
      const [current = "", ...words] = args.slice(1);
      const repo = await findRepo(ctx.cwd);
      const ids = repo ? (await listSessions(repo)).map((s) => s.id) : [];
      const agents = INSTALL_SPECS.map((s) => s.agent);
      const operands = { ids, short: shortIds(ids), agents };
      const found = candidates(await loadAllCommands(), words, current, operands);
      if (found.length) await ctx.stdout.write(found.join("\n") + "\n");
      return 0;
    }
    const { positionals } = parseCommand("completion", args, {}, { min: 1, max: 1 });
    const shell = positionals[0];
    const commands = await loadAllCommands();
    const scripts: Record<string, () => string> = {
      bash: () => bashScript(commands),
      zsh: () => zshScript(),
      fish: () => fishScript(commands),
    };
    const script = scripts[shell!];
    if (!script) {
      throw new UsageError(`unknown shell '${shell}': use bash, zsh or fish`, {
        cause: "completion",
      });
    }
    await ctx.stdout.write(script());
    return 0;
  },
};
