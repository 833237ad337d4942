/** `log`: commits with their sessions and the lines each wrote, as data and as text. */
import { type AgentTraceRecord, parseRecords, recordRanges, recordSession } from "./agent_trace.ts";
import type { Paint } from "./colors.ts";
import { isValidSessionId, type ShortId } from "./session_id.ts";

/** One commit of the log with its sessions and the lines each wrote there. */
export interface LogEntry {
  commit: string;
  message: string;
  sessions: string[];
  lines: Record<string, number>;
}

/** The NUL/SOH-separated output of `git log --format=%H%x00%s%x00%N%x01` with both notes refs. */
export function parseLogWithNotes(
  text: string,
): {
  commits: [string, string][];
  links: Map<string, string[]>;
  ranges: Map<string, AgentTraceRecord[]>;
} {
  const commits: [string, string][] = [];
  const links = new Map<string, string[]>();
  const ranges = new Map<string, AgentTraceRecord[]>();
  for (const entry of text.split("\x01")) {
    const [sha, subject, notes] = entry.replace(/^\n/, "").split("\0");
    if (!sha || subject === undefined) continue;
    commits.push([sha, subject]);
    if (!notes?.trim()) continue;
    const lines = notes.split("\n");
    links.set(sha, [...new Set(lines.map((l) => l.trim()).filter((l) => isValidSessionId(l)))]);
    ranges.set(sha, parseRecords(notes));
  }
  return { commits, links, ranges };
}

/** The entries of the commits (sha, subject pairs) that have linked sessions, in order. */
export function logEntries(
  commits: [string, string][],
  links: Map<string, string[]>,
  ranges: Map<string, AgentTraceRecord[]>,
): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const [commit, message] of commits) {
    const sessions = links.get(commit);
    if (!sessions?.length) continue;
    const lines: Record<string, number> = {};
    for (const record of ranges.get(commit) ?? []) {
      const id = recordSession(record);
      if (id) lines[id] = recordRanges(record).reduce((n, r) => n + r.end - r.start + 1, 0);
    }
    entries.push({ commit, message, sessions, lines });
  }
  return entries;
}

/** The text of `git atrace log`, as the original printed it, plus each session's line count. */
export function renderLog(entries: LogEntry[], paint: Paint, short: ShortId): string {
  let text = `${paint("bold", "Commits with sessions")}\n\n`;
  if (!entries.length) {
    text += "  No commits with linked sessions.\n\n" +
      "  Link a session: git atrace link <session_id> [commit]\n";
  }
  for (const e of entries) {
    text += `  ${paint("yellow", e.commit.slice(0, 7))}  ${e.message}\n`;
    for (const id of e.sessions) {
      const n = e.lines[id];
      const detail = n === undefined ? "" : `  ${n} line${n === 1 ? "" : "s"}`;
      text += `          \u21b3 ${paint("cyan", short(id))}${paint("dim", detail)}\n`;
    }
    text += "\n";
  }
  return text;
}
