/** Shell completion scripts for bash, zsh and fish, generated from the command table. */
import type { CommandHelp } from "./help.ts";
import type { ShortId } from "./session_id.ts";

const SESSION_ARG = new Set([
  "view",
  "files",
  "share",
  "unshare",
  "delete",
  "link",
  "unlink",
  "why",
  "export",
]);
const AGENT_ARG = new Set(["install", "uninstall"]);
const AGENT_COMMANDS = [...AGENT_ARG].join(" ");
const GLOBALS = ["--color", "--no-color", "--no-pager", "--version"];

function flagsOf(command: CommandHelp): string[] {
  return (command.options ?? []).flatMap(([flag]) =>
    flag.split(/[ ,|=<[]/).filter((f) => f.startsWith("-"))
  );
}

/** What completion can offer besides commands and flags. */
export interface Operands {
  /** Every session id, full. */
  ids: string[];
  /** How ids are shown: their shortest unique prefix. */
  short: ShortId;
  /** The agents `install` and `uninstall` know. */
  agents: string[];
}

/** Candidates for the word after `words` (the command line after `git atrace`). */
export function candidates(
  commands: CommandHelp[],
  words: string[],
  current: string,
  operands: Operands,
): string[] {
  const command = commands.find((c) => c.name === words[0]);
  if (!command) {
    return [...commands.map((c) => c.name), ...GLOBALS].filter((w) => w.startsWith(current));
  }
  if (current.startsWith("-")) return flagsOf(command).filter((f) => f.startsWith(current));
  if (SESSION_ARG.has(command.name) && words.length === 1) {
    // Ids as `list` shows them; the full id once the typed prefix is longer than that.
    return operands.ids.flatMap((id) => {
      const short = operands.short(id);
      return short.startsWith(current) ? [short] : id.startsWith(current) ? [id] : [];
    });
  }
  if (AGENT_ARG.has(command.name)) {
    const typed = new Set(words.slice(1));
    return operands.agents.filter((a) => a.startsWith(current) && !typed.has(a));
  }
  return [];
}

/** The bash script (hooks into git's completion as `_git_atrace`, and completes `git-atrace`). */
export function bashScript(commands: CommandHelp[]): string {
  const names = commands.map((c) => c.name).join(" ");
  return `# bash completion for git-atrace: source it, or save it as
# ~/.local/share/bash-completion/completions/git-atrace
__git_atrace_words() {
  git atrace completion words "$@" 2>/dev/null
}
_git_atrace() {
  local cur=\${COMP_WORDS[COMP_CWORD]} start=2
  [ "\${COMP_WORDS[0]}" = "git-atrace" ] && start=1
  local words=("\${COMP_WORDS[@]:start:COMP_CWORD-start}")
  local IFS=$'\\n'
  COMPREPLY=($(__git_atrace_words "$cur" "\${words[@]}"))
  if [ \${#COMPREPLY[@]} -eq 0 ]; then COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -o default -F _git_atrace git-atrace
# commands: ${names}
`;
}

/** The zsh script (`_git-atrace`, picked up by zsh's git completion for \`git atrace\`). */
export function zshScript(): string {
  return `#compdef git-atrace
# zsh completion for git-atrace: put it in a directory on $fpath as _git-atrace
_git-atrace() {
  local -a reply
  local start=2
  [[ $service == git-atrace ]] && start=1
  reply=(\${(f)"$(git atrace completion words "$PREFIX" "\${(@)words[start+1,CURRENT-1]}" 2>/dev/null)"})
  if (( \${#reply} )); then compadd -a reply; else _files; fi
}
compdef _git-atrace git-atrace
`;
}

/** The fish script. */
export function fishScript(commands: CommandHelp[]): string {
  const lines = [
    "# fish completion for git-atrace: save as ~/.config/fish/completions/git-atrace.fish",
    "function __git_atrace_words",
    "    set -l tokens (commandline -opc)",
    '    if test "$tokens[1]" = git; set -e tokens[1..2]; else; set -e tokens[1]; end',
    "    git atrace completion words (commandline -ct) $tokens 2>/dev/null",
    "end",
    "complete -c git-atrace -a '(__git_atrace_words)'",
    "complete -c git -n '__fish_seen_subcommand_from atrace' -a '(__git_atrace_words)'",
    // Agent names, not paths, after install and uninstall.
    `complete -c git-atrace -n '__fish_seen_subcommand_from ${AGENT_COMMANDS}' -f`,
    `complete -c git -n '__fish_seen_subcommand_from atrace; and __fish_seen_subcommand_from ${AGENT_COMMANDS}' -f`,
  ];
  for (const command of commands) {
    lines.push(`# ${command.name}: ${command.summary.replaceAll("'", "")}`);
  }
  return lines.join("\n") + "\n";
}
