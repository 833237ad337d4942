/**
 * Commit detection from the repository, not from output: the commits HEAD's reflog gained since a
 * session's last recorded state, and whether a shell command could have made them (it runs git).
 */

/** One entry of HEAD's reflog. */
export interface ReflogEntry {
  /** The commit HEAD pointed to after the entry. */
  sha: string;
  /** Unix seconds. */
  time: number;
  /** git's reflog message, e.g. `commit (amend): fix`. */
  subject: string;
}

/** How a reflog entry made a new commit. */
export type CommitKind = "commit" | "amend" | "merge" | "cherry-pick" | "revert";

/** A commit that the reflog says was created. */
export interface NewCommit {
  sha: string;
  kind: CommitKind;
  time: number;
  /** For an amend: the commit it replaced. */
  replaced?: string;
}

/** What HEAD is recorded as before the first commit. */
export const UNBORN = "0".repeat(40);

/** The HEADs at or after `sha` was made (the entries from its oldest one to the newest). */
export function headsSince(entries: ReflogEntry[], sha: string): Set<string> {
  const made = entries.map((e) => e.sha).lastIndexOf(sha);
  return new Set(entries.slice(0, made + 1).map((e) => e.sha).concat(sha));
}

/** The reflog format `parseReflog` reads (`git reflog show --date=unix --format=…`). */
export const REFLOG_FORMAT = "%H%x00%gd%x00%gs";

/** Parses `git reflog show --date=unix --format=%H%x00%gd%x00%gs` (newest first). */
export function parseReflog(text: string): ReflogEntry[] {
  const out: ReflogEntry[] = [];
  for (const line of text.split("\n")) {
    const [sha, selector, subject] = line.split("\0");
    const time = /@\{(\d+)\}$/.exec(selector ?? "")?.[1];
    if (!sha || !/^[0-9a-f]{40,64}$/.test(sha) || !time || subject === undefined) continue;
    out.push({ sha, time: Number(time), subject });
  }
  return out;
}

const KINDS: [RegExp, CommitKind][] = [
  [/^commit \(amend\): /, "amend"],
  [/^commit \(merge\): /, "merge"],
  [/^commit(?: \(initial\))?: /, "commit"],
  [/^(?:merge|pull)\b[^:]*: Merge made by /, "merge"],
  [/^cherry-pick: /, "cherry-pick"],
  [/^revert: /, "revert"],
];

/** What HEAD was when a session's previous event was recorded. */
export interface HeadState {
  head: string;
  /** Unix seconds of that event. */
  time: number;
}

/**
 * The commits made after `since` (oldest first), read from reflog `entries` (newest first): entries
 * up to the one that set `since.head` (when it is not found: those made at or after `since.time`;
 * without a known state: only the newest, if made at or after `notBefore`). Rebase picks, checkouts, resets and fast-forwards create no new work;
 * a commit amended again later in the same window is left out.
 */
export function commitsSince(
  entries: ReflogEntry[],
  since: HeadState | null,
  notBefore: number,
): NewCommit[] {
  let end = since ? entries.findIndex((e) => e.sha === since.head) : 1;
  if (end < 0) end = entries.findIndex((e) => e.time < since!.time);
  if (!since && (entries[0]?.time ?? 0) < notBefore) end = 0;
  return commitsIn(entries, end < 0 ? entries.length : end);
}

/** The commits the newest `count` reflog `entries` made (oldest first; see `commitsSince`). */
export function commitsIn(entries: ReflogEntry[], count: number): NewCommit[] {
  const found: NewCommit[] = [];
  entries.slice(0, count).forEach((entry, i) => {
    const kind = KINDS.find(([re]) => re.test(entry.subject))?.[1];
    if (!kind) return;
    const commit: NewCommit = { sha: entry.sha, kind, time: entry.time };
    const previous = entries[i + 1];
    if (kind === "amend" && previous) commit.replaced = previous.sha;
    found.push(commit);
  });
  const replaced = new Set(found.map((c) => c.replaced));
  return found.filter((c) => !replaced.has(c.sha)).reverse();
}

const WRAPPERS = new Set(["sudo", "env", "command", "time", "exec", "nohup", "builtin", "nice"]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash"]);

/** True when a shell command runs git (directly, through wrappers or `sh -c`): it may have committed. */
export function invokesGit(command: string): boolean {
  for (const words of segments(command)) {
    const args = stripWrappers(words);
    const first = args[0];
    if (first === undefined) continue;
    if (baseName(first) === "git") return true;
    if (SHELLS.has(baseName(first)) && args[1] === "-c" && invokesGit(args[2] ?? "")) return true;
  }
  return false;
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
