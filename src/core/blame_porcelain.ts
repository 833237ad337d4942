/** What `git blame --porcelain` says about each line besides its commit: author, date, origin. */
import { unquotePath } from "./commit_diffs.ts";

/** A commit as blame describes it. */
export interface BlameCommit {
  author: string;
  authorMail: string;
  /** Seconds since the epoch. */
  authorTime: number;
  /** `+hhmm` or `-hhmm`. */
  authorTz: string;
  summary: string;
  /** The commit is where blaming stopped (a root commit, or the edge of a range): git marks it `^`. */
  boundary: boolean;
}

/** Where one line of the blamed file came from. */
export interface BlameOrigin {
  /** The full sha (all zeros for lines not committed yet). */
  sha: string;
  /** Line number in the blamed file. */
  line: number;
  /** Line number in the commit that last touched it. */
  origLine: number;
  /** Path in that commit. */
  origPath: string;
}

const HEADER = /^([0-9a-f]{40}) (\d+) (\d+)(?: \d+)?$/;

/** The commits (by full sha) and the per-line origins of one blame. */
export interface BlameDetails {
  commits: Map<string, BlameCommit>;
  origins: BlameOrigin[];
}

/** The commits and the per-line origins of `git blame --porcelain` (or `--line-porcelain`) output. */
export function parseBlameDetails(text: string): BlameDetails {
  const commits = new Map<string, BlameCommit>();
  const paths = new Map<string, string>();
  const origins: BlameOrigin[] = [];
  let current: BlameOrigin | null = null;
  let commit: BlameCommit | null = null;
  for (const raw of text.split("\n")) {
    if (raw.startsWith("\t")) {
      if (current) origins.push({ ...current, origPath: paths.get(current.sha) ?? "" });
      current = null;
      continue;
    }
    const header = HEADER.exec(raw);
    if (header) {
      const sha = header[1]!;
      current = { sha, line: Number(header[3]), origLine: Number(header[2]), origPath: "" };
      commit = commits.get(sha) ?? null;
      if (!commit) {
        commit = {
          author: "",
          authorMail: "",
          authorTime: 0,
          authorTz: "+0000",
          summary: "",
          boundary: false,
        };
        commits.set(sha, commit);
      }
      continue;
    }
    if (!current || !commit) continue;
    const space = raw.indexOf(" ");
    const key = space < 0 ? raw : raw.slice(0, space);
    const value = space < 0 ? "" : raw.slice(space + 1);
    if (key === "author") commit.author = value;
    else if (key === "author-mail") commit.authorMail = value;
    else if (key === "author-time") commit.authorTime = Number(value);
    else if (key === "author-tz") commit.authorTz = value;
    else if (key === "summary") commit.summary = value;
    else if (key === "boundary") commit.boundary = true;
    else if (key === "filename") paths.set(current.sha, unquotePath(value));
  }
  return { commits, origins };
}

/** `seconds` in the zone `tz` (`+hhmm`) as git's default blame date: `2026-01-31 13:45:00 +0100`. */
export function blameDate(seconds: number, tz: string): string {
  const match = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  const offset = match
    ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
    : 0;
  const local = new Date((seconds + offset * 60) * 1000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${match ? tz : "+0000"}`;
}

/** `seconds` in the zone `tz` as ISO 8601 with the offset (`2026-01-31T13:45:00+01:00`). */
export function blameIsoDate(seconds: number, tz: string): string {
  const [day, time, zone] = blameDate(seconds, tz).split(" ");
  return `${day}T${time}${zone!.slice(0, 3)}:${zone!.slice(3)}`;
}
