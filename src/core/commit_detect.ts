/** Recognises shell commands that create commits, and git's `[branch sha]` confirmation line. */

/** A git invocation in a shell command that may create a commit. */
export interface CommitCommand {
  /** commit, cherry-pick or revert. */
  subcommand: string;
  /** The directory git ran in, relative to the shell's cwd (from `cd` and `-C`), or "". */
  dir: string;
  amend: boolean;
}

const SUBCOMMANDS = new Set(["commit", "cherry-pick", "revert"]);
const WRAPPERS = new Set(["sudo", "env", "command", "time", "exec", "nohup", "builtin", "nice"]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash"]);
const NO_COMMIT = new Set([
  "--dry-run",
  "-h",
  "--help",
  "--abort",
  "--quit",
  "--skip",
  "--no-commit",
  "-n",
]);
const VALUE_OPTIONS = new Set([
  "-C",
  "-c",
  "--git-dir",
  "--work-tree",
  "--namespace",
  "--exec-path",
]);

/** The commit-creating git invocations of a shell command (empty when it creates none). */
export function detectCommits(command: string): CommitCommand[] {
  const found: CommitCommand[] = [];
  let cwd = "";
  for (const words of segments(command)) {
    const args = stripWrappers(words);
    const first = args[0];
    if (first === undefined) continue;
    if (first === "cd") {
      cwd = args[1] === undefined ? "" : joinDir(cwd, args[1]);
      continue;
    }
    if (SHELLS.has(baseName(first)) && args[1] === "-c" && args[2] !== undefined) {
      found.push(...detectCommits(args[2]).map((c) => ({ ...c, dir: joinDir(cwd, c.dir) })));
      continue;
    }
    if (baseName(first) !== "git") continue;
    const hit = gitInvocation(args.slice(1), cwd);
    if (hit) found.push(hit);
  }
  return found;
}

function gitInvocation(args: string[], cwd: string): CommitCommand | null {
  let dir = cwd;
  let i = 0;
  while (i < args.length && args[i]!.startsWith("-")) {
    const arg = args[i]!;
    if (arg === "-C") dir = joinDir(dir, args[i + 1] ?? "");
    i += VALUE_OPTIONS.has(arg) ? 2 : 1;
  }
  const sub = args[i];
  if (!sub || !SUBCOMMANDS.has(sub)) return null;
  const rest = args.slice(i + 1);
  const until = rest.indexOf("--");
  const options = until < 0 ? rest : rest.slice(0, until);
  if (options.some((a) => NO_COMMIT.has(a) && !(sub === "commit" && a === "-n"))) return null;
  return { subcommand: sub, dir, amend: options.includes("--amend") };
}

function stripWrappers(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(w)) {
      i++;
      while (i < words.length && words[i]!.startsWith("-")) i++;
    } else break;
  }
  return words.slice(i);
}

/** The command's name without its directory or a Windows `.exe`. */
function baseName(word: string): string {
  return word.slice(Math.max(word.lastIndexOf("/"), word.lastIndexOf("\\")) + 1)
    .replace(/\.exe$/i, "");
}

function joinDir(base: string, dir: string): string {
  if (dir.startsWith("/") || base === "") return dir;
  return `${base}/${dir}`;
}

/** Splits a shell command into simple commands' words (quotes and escapes honoured). */
export function segments(command: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  const endWord = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endSegment = () => {
    endWord();
    if (words.length) out.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "\\" && i + 1 < command.length) {
      const next = command[++i]!;
      if (next !== "\n") word = (word ?? "") + next;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      const stop = end < 0 ? command.length : end;
      word = (word ?? "") + command.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      let text = "";
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === "\\" && i + 1 < command.length) text += command[++i];
        else text += command[i];
      }
      word = (word ?? "") + text;
    } else if (c === "#" && word === null) {
      while (i < command.length && command[i] !== "\n") i++;
      endSegment();
    } else if (/[;&|\n()`]/.test(c) || (c === "$" && command[i + 1] === "(")) {
      endSegment();
    } else if (c === " " || c === "\t" || c === "\r") {
      endWord();
    } else {
      word = (word ?? "") + c;
    }
  }
  endSegment();
  return out;
}

/** The short sha of git's last `[<branch> <sha>] subject` line (the newest commit), if any. */
export function commitFromOutput(output: string): string | null {
  let sha: string | null = null;
  for (const match of output.matchAll(/^\[[^\]\n]*?\s([0-9a-f]{7,40})\]\s/gm)) sha = match[1]!;
  return sha;
}
