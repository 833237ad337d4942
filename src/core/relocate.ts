/** Re-anchoring attributed ranges after history rewrites, line by line. */
import {
  attribute,
  type AttributeOptions,
  type CommitFile,
  normalize,
  type ProducedLines,
  relocate,
} from "./attribution.ts";
import {
  type AgentTraceRecord,
  atraceMeta,
  buildRecord,
  recordModel,
  recordRanges,
  recordSession,
} from "./agent_trace.ts";

/** True when a record was made for another revision than `commit` (copied by a rewrite); a record
 * naming no revision is taken as made for the commit it is attached to. */
export function isStale(record: AgentTraceRecord, commit: string): boolean {
  return record.vcs !== undefined && record.vcs.revision !== commit;
}

/**
 * The records of `commit` after a rewrite, one per session: a session with records made for another
 * revision has its lines found again line by line, from `produced` (its recorded edits, or the text of
 * its old ranges); without those, its old ranges are found by content hash. `lost` counts the old
 * lines not found again.
 */
export function reanchorRecords(
  commit: string,
  records: AgentTraceRecord[],
  files: CommitFile[],
  produced: Map<string, ProducedLines[]>,
  toolVersion: string,
  opts: AttributeOptions = {},
): { records: AgentTraceRecord[]; lost: number } {
  const bySession = new Map<string, AgentTraceRecord[]>();
  for (const record of records) {
    const id = recordSession(record);
    if (id) bySession.set(id, [...bySession.get(id) ?? [], record]);
  }
  const out: AgentTraceRecord[] = [];
  let lost = 0;
  for (const [id, list] of bySession) {
    const stale = list.filter((r) => isStale(r, commit));
    if (!stale.length) {
      out.push(...list);
      continue;
    }
    const before = stale.flatMap(recordRanges).reduce((n, r) => n + r.end - r.start + 1, 0);
    const lines = produced.get(id);
    const ranges = lines?.length ? attribute(files, lines, opts) : [
      ...list.filter((r) => !isStale(r, commit)).flatMap(recordRanges),
      ...relocate(stale.flatMap(recordRanges), files).moved,
    ];
    const unique = [...new Map(ranges.map((r) => [`${r.path}:${r.start}:${r.end}`, r])).values()];
    lost += Math.max(0, before - unique.reduce((n, r) => n + r.end - r.start + 1, 0));
    const model = recordModel(list[0]!);
    const person = list.every((r) => atraceMeta(r)?.committed_by === "person");
    out.push(buildRecord({
      commit,
      sessionId: id,
      agent: atraceMeta(list[0]!)?.agent ?? "unknown",
      ...(model ? { model } : {}),
      toolVersion,
      ranges: unique,
      ...(person ? { committedBy: "person" as const } : {}),
    }));
  }
  return { records: out, lost };
}

/** How many of `lines` (non-blank) a commit added, with the same text in the same file. */
function contentScore(lines: ProducedLines[], files: CommitFile[]): number {
  const added = new Set(
    files.flatMap((f) => f.added.map((a) => `${f.path}\0${normalize(a.text)}`)),
  );
  let score = 0;
  for (const p of lines) {
    for (const text of p.lines) {
      if (normalize(text) && added.has(`${p.path}\0${normalize(text)}`)) score++;
    }
  }
  return score;
}

/** The candidate commit whose added lines hold most of `lines` (old ranges' text), if any. */
export function bestByContent(
  lines: ProducedLines[],
  candidates: string[],
  diffs: Map<string, CommitFile[]>,
): string | null {
  let best: string | null = null;
  let score = 0;
  for (const c of candidates) {
    const s = contentScore(lines, diffs.get(c) ?? []);
    if (s > score) {
      score = s;
      best = c;
    }
  }
  return best;
}
