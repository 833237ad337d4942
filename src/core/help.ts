/** Help text, rendered from the commands' own usage data (also the source of the man page). */

/** The help data of one command. */
export interface CommandHelp {
  name: string;
  summary: string;
  usage: string[];
  options?: [string, string][];
}

/** `usage: …` lines plus the option list, as `-h` prints them. */
export function renderUsage(help: CommandHelp): string {
  const lines = help.usage.map((u, i) => `${i === 0 ? "usage: " : "   or: "}git atrace ${u}`);
  if (help.options?.length) {
    lines.push("");
    const width = Math.max(...help.options.map(([flag]) => flag.length));
    for (const [flag, text] of help.options) lines.push(`    ${flag.padEnd(width)}  ${text}`);
  }
  return lines.join("\n") + "\n";
}

/** The full `git atrace help` text. */
export function renderHelp(version: string, commands: CommandHelp[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `git-atrace ${version} - capture AI coding-agent sessions and link them to commits`,
    "",
    "usage: git atrace [--color[=<when>] | --no-color] [--no-pager] <command> [<args>]",
    "",
    "commands:",
    ...commands.map((c) => `   ${c.name.padEnd(width)}   ${c.summary}`),
    "",
    "Session ids can be abbreviated to any unique prefix (shown: the shortest unique one, at least 8 characters).",
    "Sessions live privately in .git/trace/sessions/; 'share' copies one into the shared",
    "directory (git config atrace.sharedir, else an existing .agents/ as .agents/sessions).",
    "Run 'git atrace <command> -h' for a command's options.",
    "",
  ].join("\n");
}
