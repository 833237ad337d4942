/** A branch's attribution for review: per commit, per file and per session, from the diffs and the
 * notes. A line no session's range covers is "untracked" — never assumed human. */
import {
  type AgentTraceRecord,
  atraceMeta,
  latestPerSession,
  recordModel,
  recordRanges,
  recordSession,
} from "../agent_trace.ts";
import type { CommitFile } from "../commit_diffs.ts";
import { isValidSessionId } from "../session_id.ts";

/** Lines credited to sessions, and the rest. */
export interface LineCounts {
  added: number;
  /** Lines per session id (each line counted for the first session whose range covers it). */
  bySession: Record<string, number>;
  untracked: number;
}

/** One commit of the range. */
export interface CommitSummary extends LineCounts {
  sha: string;
  subject: string;
  /** Sessions linked to the commit without any line matched (the link alone). */
  linkedOnly: string[];
}

/** One file as the branch leaves it: its lines from the range's commits. */
export interface FileSummary extends LineCounts {
  path: string;
}

/** A session that wrote lines of the range, or is linked to one of its commits. */
export interface SessionSummary {
  id: string;
  agent: string;
  model: string | null;
  lines: number;
  commits: string[];
  /** The session's first prompt (redacted), when this clone has the session. */
  prompt: string | null;
  title: string | null;
  /** Where its shared copy and its page are, when it is shared. */
  shared: { copy: string; page: string | null } | null;
}

/** Lines per agent and model. */
export interface AgentLines {
  agent: string;
  model: string | null;
  lines: number;
}

/** Everything `summary` prints. */
export interface Summary {
  range: string;
  base: string;
  tip: string;
  totals: LineCounts & { commits: number; byAgent: AgentLines[] };
  commits: CommitSummary[];
  files: FileSummary[];
  sessions: SessionSummary[];
}

/** One record's session, agent, model and ranges, when it is about `commit`. */
interface Credit {
  id: string;
  agent: string;
  model: string | null;
  covers(path: string, line: number): boolean;
}

/** The sessions credited by a commit's records (stale copies of another commit's records skipped). */
export function creditsOf(commit: string, records: AgentTraceRecord[]): Credit[] {
  return latestPerSession(records).flatMap((record) => {
    const id = recordSession(record);
    if (!id || !isValidSessionId(id)) return [];
    if (record.vcs && record.vcs.revision !== commit) return [];
    const ranges = recordRanges(record);
    return [{
      id,
      agent: atraceMeta(record)?.agent ?? "unknown",
      model: recordModel(record) ?? null,
      covers: (path: string, line: number) =>
        ranges.some((r) => r.path === path && r.start <= line && line <= r.end),
    }];
  });
}

/** Counts one added line: for the first session covering it, else as untracked. */
export function countLine(counts: LineCounts, credits: Credit[], path: string, line: number) {
  counts.added++;
  const credit = credits.find((c) => c.covers(path, line));
  if (credit) counts.bySession[credit.id] = (counts.bySession[credit.id] ?? 0) + 1;
  else counts.untracked++;
}

/** A commit's counts from its added lines and records. */
export function commitSummary(
  sha: string,
  subject: string,
  files: CommitFile[],
  records: AgentTraceRecord[],
  links: string[],
): CommitSummary {
  const credits = creditsOf(sha, records);
  const out: CommitSummary = {
    sha,
    subject,
    added: 0,
    bySession: {},
    untracked: 0,
    linkedOnly: [],
  };
  for (const file of files) {
    for (const added of file.added) countLine(out, credits, file.path, added.line);
  }
  out.linkedOnly = links.filter((id) => !(id in out.bySession) && isValidSessionId(id));
  return out;
}

/** An empty line count. */
export function emptyCounts(): LineCounts {
  return { added: 0, bySession: {}, untracked: 0 };
}

/** What is known of a session outside the notes. */
export interface SessionFacts {
  agent?: string;
  model?: string;
  prompt?: string;
  title?: string;
  shared?: { copy: string; page: string | null };
}

/** Assembles the summary: sessions ordered by lines, agents by lines. */
export function buildSummary(
  head: { range: string; base: string; tip: string },
  commits: CommitSummary[],
  files: FileSummary[],
  records: Map<string, AgentTraceRecord[]>,
  facts: Map<string, SessionFacts>,
): Summary {
  const totals = { ...emptyCounts(), commits: commits.length, byAgent: [] as AgentLines[] };
  const sessions = new Map<string, SessionSummary>();
  const session = (id: string, commit: string) => {
    const known = facts.get(id);
    const credit = creditsOf(commit, records.get(commit) ?? []).find((c) => c.id === id);
    const entry = sessions.get(id) ?? {
      id,
      agent: credit?.agent ?? known?.agent ?? "unknown",
      model: credit?.model ?? known?.model ?? null,
      lines: 0,
      commits: [],
      prompt: known?.prompt ?? null,
      title: known?.title ?? null,
      shared: known?.shared ?? null,
    };
    if (!entry.commits.includes(commit)) entry.commits.push(commit);
    sessions.set(id, entry);
    return entry;
  };
  for (const c of commits) {
    totals.added += c.added;
    totals.untracked += c.untracked;
    for (const [id, n] of Object.entries(c.bySession)) {
      totals.bySession[id] = (totals.bySession[id] ?? 0) + n;
      session(id, c.sha).lines += n;
    }
    for (const id of c.linkedOnly) session(id, c.sha);
  }
  const agents = new Map<string, AgentLines>();
  for (const s of sessions.values()) {
    const key = `${s.agent}\0${s.model}`;
    const entry = agents.get(key) ?? { agent: s.agent, model: s.model, lines: 0 };
    entry.lines += s.lines;
    agents.set(key, entry);
  }
  totals.byAgent = [...agents.values()].filter((a) => a.lines > 0)
    .sort((a, b) => b.lines - a.lines || a.agent.localeCompare(b.agent));
  return {
    ...head,
    totals,
    commits,
    files,
    sessions: [...sessions.values()].sort((a, b) => b.lines - a.lines || a.id.localeCompare(b.id)),
  };
}
