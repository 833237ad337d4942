/** Argument parsing for subcommands, on node:util's parseArgs, with git-style usage errors. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.ts";

/** Raised by `-h`: main prints the command's usage to stdout and exits 129, as git does. */
export class HelpRequest extends Error {
  override name = "HelpRequest";
  constructor(readonly command: string) {
    super(`help for ${command}`);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `args` for `command`; unknown options and wrong positional counts are usage errors. */
export function parseCommand<T extends Options>(
  command: string,
  args: string[],
  options: T,
  positionals: { min?: number; max?: number } = {},
) {
  const flags = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  if (flags.includes("-h") || flags.includes("--help")) throw new HelpRequest(command);
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    throw new UsageError(`${lowerFirst(message.replace(/\. To specify.*$/, ""))}`, {
      cause: command,
    });
  }
  const count = parsed.positionals.length;
  if (count < (positionals.min ?? 0)) throw new UsageError(`missing argument`, { cause: command });
  if (count > (positionals.max ?? Infinity)) {
    throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max ?? 0]}'`, {
      cause: command,
    });
  }
  return parsed;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
}
