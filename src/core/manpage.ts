/** The git-atrace(1) man page, rendered in roff from the same help data as `-h`. */
import type { CommandHelp } from "./help.ts";

function escape(text: string): string {
  return text.replaceAll("\\", "\\e").replaceAll("-", "\\-").replace(/^([.'])/gm, "\\&$1");
}

/** The man page text for `version`. */
export function renderManPage(version: string, commands: CommandHelp[]): string {
  const out = [
    `.TH GIT\\-ATRACE 1 "" "git-atrace ${version}" "Git Manual"`,
    ".SH NAME",
    "git\\-atrace \\- capture AI coding\\-agent sessions and link them to commits and lines",
    ".SH SYNOPSIS",
    ".B git atrace",
    "[\\-\\-color[=\\fIwhen\\fR] | \\-\\-no\\-color] [\\-\\-no\\-pager] \\fIcommand\\fR [\\fIargs\\fR]",
    ".SH DESCRIPTION",
    escape(
      "git-atrace captures coding-agent sessions through the agents' own hooks, keeps them privately in " +
        ".git/trace/sessions/, shares them only when asked, links them to commits with git notes " +
        "(refs/notes/atrace) and answers why a line is there: line, commit, session, prompt and tool call.",
    ),
    ".PP",
    escape(
      "Session ids may be abbreviated to any unique prefix. Errors are printed as 'fatal:' (exit 128), " +
        "'usage:' (exit 129) or 'error:' (exit 1).",
    ),
    ".SH COMMANDS",
  ];
  for (const command of commands) {
    out.push(".TP", `.B ${escape(command.usage[0] ?? command.name)}`, escape(command.summary));
    for (const [flag, text] of command.options ?? []) {
      out.push(".RS", ".TP", `.B ${escape(flag)}`, escape(text), ".RE");
    }
  }
  out.push(
    ".SH FILES",
    ".TP",
    ".I .git/trace/sessions/",
    escape("<id>.jsonl, <id>.files, <id>.timestamp, <id>.json and <id>.events per session"),
    ".TP",
    ".I .git/trace/log",
    escape("failures of the hooks, which never print or fail"),
    ".SH CONFIGURATION",
    ".TP",
    ".B atrace.sharedir",
    escape("where share puts sessions (default: .agents/sessions when .agents/ exists)"),
    ".SH SEE ALSO",
    ".BR git-notes (1)",
    "",
  );
  return out.join("\n");
}
