/** `git atrace blame` output: git blame's line format with a session column, porcelain and JSON. */
import type { BlameLine } from "./blame.ts";
import { blameDate, type BlameDetails, blameIsoDate } from "./blame_porcelain.ts";
import { type Paint, plainText } from "./colors.ts";
import type { ShortId } from "./session_id.ts";
import { displayWidth, padToWidth } from "./text_width.ts";

/** git blame's display switches that git-atrace applies itself. */
export interface BlameFormat {
  /** `-f`: always show the file name column. */
  showName: boolean;
  /** `-n`: show the line number in the originating commit. */
  showNumber: boolean;
  /** `-s`: no author and date. */
  suppress: boolean;
  /** `-e`: the author's email instead of the name. */
  email: boolean;
  /** `-l`: full commit ids. */
  long: boolean;
}

/** What a line is known to be: written by a session, in a commit linked to one, or untracked. */
export type LineAttribution = "ai" | "linked" | "untracked";

const ZERO = /^0+$/;
/** Shown for lines not committed yet, in place of git's zero id. */
const LOCAL = "(local)";

/** The attribution of a blamed line; "untracked" whenever no session is known (never "human"). */
export function attributionOf(line: BlameLine): LineAttribution {
  if (line.sessions.some((s) => s.match === "range")) return "ai";
  return line.sessions.length ? "linked" : "untracked";
}

/** The session column of a line: shortest unique ids, `~id` for sessions linked to the commit only. */
function sessionColumn(line: BlameLine, short: ShortId, paint: Paint): [string, number] {
  const parts = line.sessions.map((s) => (s.match === "commit" ? "~" : "") + short(s.id));
  const painted = line.sessions.map((s, i) =>
    paint(s.match === "range" ? "cyan" : "dim", parts[i]!)
  );
  return [painted.join(","), parts.join(",").length];
}

/** The length of commit ids shown: git's seven characters plus one, longer while two shown ids share it. */
function shaWidth(shas: string[]): number {
  const unique = [...new Set(shas)].sort();
  let length = 7;
  for (let i = 1; i < unique.length; i++) {
    while (length < 40 && unique[i]!.slice(0, length) === unique[i - 1]!.slice(0, length)) length++;
  }
  return length + 1;
}

/**
 * The text of `git atrace blame`: git blame's lines (commit, file when needed, author, date, line
 * number), then the sessions that wrote each line, then the line. `path` is repo-relative.
 */
export function renderBlame(
  path: string,
  lines: BlameLine[],
  details: BlameDetails,
  format: BlameFormat,
  short: ShortId,
  paint: Paint,
): string {
  const origins = new Map(details.origins.map((o) => [o.line, o]));
  const rows = lines.map((line) => {
    const origin = origins.get(line.line);
    const sha = origin?.sha ?? line.commit ?? "0".repeat(40);
    return { line, origin, sha, commit: details.commits.get(sha) };
  });
  const width = format.long ? 40 : shaWidth(rows.map((r) => r.sha).filter((s) => !ZERO.test(s)));
  const showName = format.showName || rows.some((r) => r.origin && r.origin.origPath !== path);
  const who = (r: (typeof rows)[number]) =>
    plainText((format.email ? r.commit?.authorMail : r.commit?.author) ?? "");
  const nameWidth = Math.max(
    0,
    ...rows.map((r) => displayWidth(plainText(r.origin?.origPath ?? ""))),
  );
  const authorWidth = Math.max(0, ...rows.map((r) => displayWidth(who(r))));
  const lineWidth = String(Math.max(0, ...lines.map((l) => l.line))).length;
  const origWidth = String(Math.max(0, ...rows.map((r) => r.origin?.origLine ?? 0))).length;
  const columns = rows.map((r) => sessionColumn(r.line, short, paint));
  const sessionWidth = Math.max(8, ...columns.map(([, w]) => w));
  return rows.map((r, i) => {
    let id: string;
    if (ZERO.test(r.sha)) id = paint("yellow", LOCAL.padEnd(width));
    else {
      const text = r.commit?.boundary ? `^${r.sha.slice(0, width - 1)}` : r.sha.slice(0, width);
      id = paint(r.line.sessions.length ? "cyan" : "dim", text);
    }
    let out = `${id} `;
    if (showName) out += `${padToWidth(plainText(r.origin?.origPath ?? ""), nameWidth)} `;
    if (format.showNumber) out += `${String(r.origin?.origLine ?? "").padStart(origWidth)} `;
    const number = String(r.line.line).padStart(lineWidth);
    if (format.suppress) out += `${number})`;
    else {
      const date = r.commit ? blameDate(r.commit.authorTime, r.commit.authorTz) : "";
      out += `(${padToWidth(who(r), authorWidth)} ${date} ${number})`;
    }
    const [sessions, used] = columns[i]!;
    return `${out} ${sessions}${" ".repeat(sessionWidth - used)} ${r.line.content}\n`;
  }).join("");
}

/** `blame --json`: each line with its commit's author, date and summary, origin and attribution. */
export function blameJson(lines: BlameLine[], details: BlameDetails): unknown[] {
  const origins = new Map(details.origins.map((o) => [o.line, o]));
  return lines.map((line) => {
    const origin = origins.get(line.line);
    const commit = origin ? details.commits.get(origin.sha) : undefined;
    return {
      ...line,
      attribution: attributionOf(line),
      origLine: origin?.origLine ?? null,
      origPath: origin?.origPath ?? null,
      author: commit?.author ?? null,
      authorMail: commit?.authorMail ?? null,
      date: commit ? blameIsoDate(commit.authorTime, commit.authorTz) : null,
      summary: line.commit ? commit?.summary ?? null : null,
      boundary: commit?.boundary ?? false,
    };
  });
}

/** The header git-atrace adds to `--porcelain`: one per session of a line, before its content. */
export const PORCELAIN_KEY = "atrace-session";

/**
 * git's porcelain text with `atrace-session <id> <range|commit>` lines added before each line's
 * content (git's parsers skip headers they do not know).
 */
export function annotatePorcelain(porcelain: string, lines: BlameLine[]): string {
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const out: string[] = [];
  let current = 0;
  for (const raw of porcelain.split("\n")) {
    const header = /^[0-9a-f]{40} \d+ (\d+)/.exec(raw);
    if (header) current = Number(header[1]);
    if (raw.startsWith("\t")) {
      for (const s of byLine.get(current)?.sessions ?? []) {
        out.push(`${PORCELAIN_KEY} ${s.id} ${s.match}`);
      }
    }
    out.push(raw);
  }
  return out.join("\n");
}
