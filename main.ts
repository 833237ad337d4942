/** git-atrace: parses the command line, dispatches, and is the only place that exits. */
import { basename } from "node:path";
import { HelpRequest } from "./src/core/args.ts";
import { describeError, UsageError } from "./src/core/errors.ts";
import { renderUsage } from "./src/core/help.ts";
import { COMMAND_NAMES, loadCommand } from "./src/commands/registry.ts";
import type { Context, GlobalOptions } from "./src/io/context.ts";
import { restoreHome } from "./src/io/launch_env.ts";
import { streamSink } from "./src/io/ui.ts";
import { versionLine } from "./src/version.ts";

/** The original tool's hook names: a binary copied or hard-linked under one of them acts as `hook`. */
const HOOK_NAMES = new Set(["git-atrace-hook", "git-atrace-commit-hook"]);

/** Splits global options (before the command name) from the command and its arguments. */
function parseGlobals(args: string[]): { globals: GlobalOptions; rest: string[] } {
  const globals: GlobalOptions = { pager: true };
  const rest = [...args];
  while (rest[0]?.startsWith("-")) {
    const arg = rest[0];
    if (arg === "--no-pager") globals.pager = false;
    else if (arg === "-p" || arg === "--paginate") globals.pager = true;
    else if (arg === "--no-color") globals.color = "never";
    else if (arg === "--color") globals.color = "always";
    else if (arg.startsWith("--color=")) globals.color = colorWhen(arg.slice(8));
    else break;
    rest.shift();
  }
  return { globals, rest };
}

function colorWhen(value: string): "always" | "never" | "auto" {
  if (value === "always" || value === "never" || value === "auto") return value;
  throw new UsageError(`invalid --color value '${value}': use always, never or auto`);
}

/** Runs one invocation and returns its exit code. */
async function main(argv: string[], ctx: Context): Promise<number> {
  const invokedAs = basename(Deno.execPath()).replace(/\.exe$/i, "");
  const args = HOOK_NAMES.has(invokedAs) ? ["hook", ...argv] : argv;
  try {
    const { globals, rest } = parseGlobals(args);
    ctx.globals = globals;
    const first = rest[0];
    if (first === "--version" || first === "-v") {
      await ctx.stdout.write(versionLine() + "\n");
      return 0;
    }
    if (first === "-h" || first === "--help") throw new HelpRequest("help");
    const commandName = first ?? "list";
    const command = await loadCommand(commandName);
    if (!command) {
      throw new UsageError(`'${commandName}' is not a git atrace command; see 'git atrace help'`);
    }
    return await command.run(rest.slice(1), ctx);
  } catch (err) {
    return await report(err, ctx);
  }
}

async function report(err: unknown, ctx: Context): Promise<number> {
  if (err instanceof HelpRequest) {
    const command = await loadCommand(err.command);
    const text = command && err.command !== "help"
      ? renderUsage(command)
      : renderUsage({ name: "", summary: "", usage: ["<command> [<args>]"] }) +
        `\ncommands: ${COMMAND_NAMES.join(", ")}\n`;
    await ctx.stdout.write(text);
    return 129;
  }
  const command = err instanceof UsageError && err.cause
    ? await loadCommand(String(err.cause))
    : null;
  if (command) {
    await ctx.stderr.write(`error: ${err instanceof Error ? err.message : err}\n`);
    await ctx.stderr.write(renderUsage({ ...command, options: [] }));
    return 129;
  }
  const { code, message } = describeError(err);
  await ctx.stderr.write(message + "\n");
  if (ctx.env("ATRACE_DEBUG") && err instanceof Error && err.stack) {
    await ctx.stderr.write(`${err.stack}\n`);
  }
  return code;
}

if (import.meta.main) {
  restoreHome();
  const ctx: Context = {
    cwd: Deno.cwd(),
    env: (name) => Deno.env.get(name),
    stdout: streamSink(Deno.stdout.writable),
    stderr: streamSink(Deno.stderr.writable),
    stdin: Deno.stdin.readable,
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stdoutIsTerminal: Deno.stdout.isTerminal(),
    globals: { pager: true },
    now: () => new Date(),
  };
  const code = await main(Deno.args, ctx);
  Deno.exit(code);
}
