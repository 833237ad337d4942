/** Parsing `git log -p -U0` into each commit's added lines, and git's C-quoted paths. */

/** A line a commit added, at its line number in the commit's version of the file. */
export interface AddedLine {
  line: number;
  text: string;
}

/** The lines a commit added to one file. */
export interface CommitFile {
  path: string;
  added: AddedLine[];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses `git log -p -U0 --format='commit %H'` output into each commit's added lines. */
export function parseCommitDiffs(text: string): Map<string, CommitFile[]> {
  const commits = new Map<string, CommitFile[]>();
  let files: CommitFile[] = [];
  let file: CommitFile | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let line = 0;
  for (const raw of text.split("\n")) {
    if (oldLeft > 0 || newLeft > 0) {
      if (raw.startsWith("+")) {
        file?.added.push({ line: line++, text: raw.slice(1) });
        newLeft--;
      } else if (raw.startsWith("-")) oldLeft--;
      else if (raw.startsWith(" ")) {
        line++;
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    const hunk = HUNK.exec(raw);
    if (raw.startsWith("commit ") && /^commit [0-9a-f]{40}$/.test(raw)) {
      files = [];
      commits.set(raw.slice(7), files);
      file = null;
    } else if (raw.startsWith("diff --git ")) {
      file = null;
    } else if (raw.startsWith("+++ ")) {
      const name = raw.slice(4);
      const path = name.startsWith('"')
        ? unquotePath(name).replace(/^b\//, "")
        : name.replace(/\t$/, "").replace(/^b\//, "");
      file = path === "/dev/null" ? null : { path, added: [] };
      if (file) files.push(file);
    } else if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      line = Number(hunk[2]);
    }
  }
  return commits;
}

const ESCAPED: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13 };

/** A path as git prints it: C-quoted (`"a\\tb"`, octal bytes) when it holds special characters. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 1; i < text.length && text[i] !== '"'; i++) {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    if (c !== "\\") {
      bytes.push(...encoder.encode(c));
      i += c.length - 1;
      continue;
    }
    const next = text[++i] ?? "";
    const octal = /^[0-7]{3}/.exec(text.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 2;
    } else bytes.push(ESCAPED[next] ?? next.charCodeAt(0));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
