/** Blame: `git blame --porcelain` parsing, combined with session links and attributed ranges. */
import {
  type AgentTraceRecord,
  atraceMeta,
  recordModel,
  recordRanges,
  recordSession,
} from "./agent_trace.ts";
import { unquotePath } from "./commit_diffs.ts";
import { isValidSessionId } from "./session_id.ts";

/** One line of `git blame --porcelain`. */
export interface PorcelainLine {
  /** Line number in the blamed file version. */
  line: number;
  /** Line number in the commit that last touched it. */
  origLine: number;
  /** The path in that commit. */
  origPath: string;
  /** Full sha; null for uncommitted lines. */
  commit: string | null;
  content: string;
}

/** A session that wrote a line: by a range of the commit, or only by the commit's link. */
export interface BlameSession {
  id: string;
  match: "range" | "commit";
  toolCallIds?: string[];
  model?: string;
}

/** A blamed line with its sessions. */
export interface BlameLine {
  line: number;
  content: string;
  /** Full sha; null for uncommitted lines. */
  commit: string | null;
  sessions: BlameSession[];
}

const HEADER = /^([0-9a-f]{40}) (\d+) (\d+)(?: \d+)?$/;
const ZERO = /^0+$/;

/** Parses `git blame --porcelain` output. */
export function parsePorcelain(text: string): PorcelainLine[] {
  const out: PorcelainLine[] = [];
  const paths = new Map<string, string>();
  let sha = "";
  let origLine = 0;
  let line = 0;
  for (const raw of text.split("\n")) {
    if (raw.startsWith("\t")) {
      out.push({
        line,
        origLine,
        origPath: paths.get(sha) ?? "",
        commit: ZERO.test(sha) ? null : sha,
        content: raw.slice(1),
      });
      continue;
    }
    const header = HEADER.exec(raw);
    if (header) {
      sha = header[1]!;
      origLine = Number(header[2]);
      line = Number(header[3]);
    } else if (raw.startsWith("filename ")) {
      paths.set(sha, unquotePath(raw.slice(9)));
    }
  }
  return out;
}

/**
 * Combines blamed lines with links (commit → session ids) and range notes (commit → records).
 * Records made for another revision (copied by a rewrite, not yet relocated) count only as links.
 */
export function combineBlame(
  lines: PorcelainLine[],
  links: Map<string, string[]>,
  records: Map<string, AgentTraceRecord[]>,
): BlameLine[] {
  return lines.map((l) => ({
    line: l.line,
    content: l.content,
    commit: l.commit,
    sessions: l.commit ? sessionsOf(l, links.get(l.commit) ?? [], records.get(l.commit) ?? []) : [],
  }));
}

function sessionsOf(
  l: PorcelainLine,
  linked: string[],
  records: AgentTraceRecord[],
): BlameSession[] {
  const out: BlameSession[] = [];
  const withRanges = new Set<string>();
  const stale: string[] = [];
  for (const record of records) {
    const id = recordSession(record);
    if (!id || !isValidSessionId(id)) continue;
    if (record.vcs && record.vcs.revision !== l.commit) {
      stale.push(id);
      continue;
    }
    withRanges.add(id);
    const hit = recordRanges(record).find((r) =>
      r.path === l.origPath && r.start <= l.origLine && l.origLine <= r.end
    );
    if (!hit || out.some((s) => s.id === id)) continue;
    const session: BlameSession = { id, match: "range", toolCallIds: hit.toolCallIds };
    const model = recordModel(record);
    if (model) session.model = model;
    out.push(session);
  }
  for (const id of new Set([...linked, ...stale])) {
    if (!withRanges.has(id)) out.push({ id, match: "commit" });
  }
  // The session that made the commit before sessions whose edits a person committed.
  const person = new Set(records.filter((r) => atraceMeta(r)?.committed_by).map(recordSession));
  return out.sort((a, b) => Number(person.has(a.id)) - Number(person.has(b.id)));
}

/**
 * Blank lines take the sessions of their nearest non-blank neighbours when both sides agree (git
 * blames a blank line to whichever commit its diff aligned it with, often not its block's); at either
 * end of the file the one neighbour decides. Other blank lines keep what blame found.
 */
export function fillBlankLines(lines: BlameLine[]): BlameLine[] {
  const blank = (l: BlameLine) => l.content.trim() === "";
  const key = (l: BlameLine | undefined) => l?.sessions[0]?.id ?? "";
  const before: (BlameLine | undefined)[] = [];
  let last: BlameLine | undefined;
  for (const l of lines) {
    before.push(last);
    if (!blank(l)) last = l;
  }
  let next: BlameLine | undefined;
  const out = [...lines];
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (!blank(l)) {
      next = l;
      continue;
    }
    const [a, b] = [before[i], next];
    const source = a && b ? (key(a) === key(b) ? a : null) : a ?? b ?? null;
    if (source && key(source) !== key(l)) out[i] = { ...l, sessions: source.sessions };
  }
  return out;
}
