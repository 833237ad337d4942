/** Attribution statistics over commits: lines added, lines from sessions (by agent and model), untracked. */
import {
  type AgentTraceRecord,
  atraceMeta,
  latestPerSession,
  parseRecords,
  recordModel,
  recordRanges,
} from "./agent_trace.ts";
import { plainText } from "./colors.ts";

/**
 * Lines added and range records per commit, from one
 * `git log --numstat --notes=refs/notes/atrace-ranges --format='commit %H%n%N'`; files under
 * `skipDirs` (repo-relative) are not counted.
 */
export function parseStatsLog(
  text: string,
  skipDirs: string[] = [],
): {
  added: Map<string, number>;
  records: Map<string, AgentTraceRecord[]>;
  addedByFile: Map<string, number>;
} {
  const skipped = (path: string) => skipDirs.some((dir) => path.startsWith(`${dir}/`));
  const added = new Map<string, number>();
  const addedByFile = new Map<string, number>();
  const notes = new Map<string, string[]>();
  let commit = "";
  for (const line of text.split("\n")) {
    const head = /^commit ([0-9a-f]{40,64})$/.exec(line);
    if (head) {
      commit = head[1]!;
      added.set(commit, 0);
      notes.set(commit, []);
      continue;
    }
    if (!commit) continue;
    const stat = /^(\d+)\t\d+\t(.*)$/.exec(line);
    if (stat) {
      if (!skipped(stat[2]!)) {
        added.set(commit, added.get(commit)! + Number(stat[1]));
        addedByFile.set(`${commit}\0${stat[2]}`, Number(stat[1]));
      }
    } else if (line.startsWith("{")) notes.get(commit)!.push(line);
  }
  const records = new Map<string, AgentTraceRecord[]>();
  for (const [c, lines] of notes) if (lines.length) records.set(c, parseRecords(lines.join("\n")));
  return { added, records, addedByFile };
}

/** The totals of a range of commits. */
export interface Stats {
  commits: number;
  added: number;
  attributed: number;
  untracked: number;
  /** Lines per "agent model" (a line two sessions wrote counts for both). */
  byAgent: { agent: string; model: string | null; lines: number }[];
}

/**
 * Totals for the commits of `added`, attributing lines by the records of each commit. Ranges are
 * counted as intervals (never line by line) and a file's attributed lines never exceed the lines
 * the commit added to it (`addedByFile`, `<commit>\0<path>`): a range that lies cannot inflate.
 */
export function computeStats(
  added: Map<string, number>,
  records: Map<string, AgentTraceRecord[]>,
  addedByFile: Map<string, number> = new Map(),
): Stats {
  const stats: Stats = { commits: added.size, added: 0, attributed: 0, untracked: 0, byAgent: [] };
  const agents = new Map<string, Stats["byAgent"][number]>();
  for (const [commit, count] of added) {
    stats.added += count;
    const byPath = new Map<string, [number, number][]>();
    const cap = (path: string) => addedByFile.get(`${commit}\0${path}`) ?? count;
    for (const record of latestPerSession(records.get(commit) ?? [])) {
      const agent = atraceMeta(record)?.agent ?? "unknown";
      const model = recordModel(record) ?? null;
      const key = `${agent}\0${model}`;
      const entry = agents.get(key) ?? { agent, model, lines: 0 };
      const own = new Map<string, [number, number][]>();
      for (const r of recordRanges(record)) {
        for (const map of [byPath, own]) {
          map.set(r.path, [...(map.get(r.path) ?? []), [r.start, r.end]]);
        }
      }
      for (const [path, ranges] of own) entry.lines += Math.min(unionLength(ranges), cap(path));
      agents.set(key, entry);
    }
    let lines = 0;
    for (const [path, ranges] of byPath) lines += Math.min(unionLength(ranges), cap(path));
    stats.attributed += Math.min(lines, count);
  }
  stats.untracked = stats.added - stats.attributed;
  stats.byAgent = [...agents.values()].sort((a, b) => b.lines - a.lines);
  return stats;
}

/** How many lines the inclusive intervals cover together. */
function unionLength(ranges: [number, number][]): number {
  let total = 0;
  let reach = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, reach + 1);
    if (end >= from) total += end - from + 1;
    reach = Math.max(reach, end);
  }
  return total;
}

function percent(part: number, whole: number): string {
  return whole ? `${(100 * part / whole).toFixed(1)}%` : "-";
}

/** The text of `git atrace stats`. */
export function renderStats(range: string, s: Stats): string {
  const rows = [
    `Attribution for ${range} (${s.commits} commit${s.commits === 1 ? "" : "s"})`,
    "",
    `  lines added       ${String(s.added).padStart(8)}`,
    `  from sessions     ${String(s.attributed).padStart(8)}  ${percent(s.attributed, s.added)}`,
    `  untracked         ${String(s.untracked).padStart(8)}  ${percent(s.untracked, s.added)}`,
  ];
  if (s.byAgent.length) rows.push("", "  by agent and model");
  for (const a of s.byAgent) {
    rows.push(
      `    ${plainText(`${a.agent} ${a.model ?? "(model unknown)"}`).padEnd(40)} ${
        String(a.lines).padStart(8)
      }`,
    );
  }
  return rows.join("\n") + "\n";
}
