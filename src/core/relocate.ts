/** Re-pointing attributed ranges after history rewrites, by the content hashes of their lines. */
import { type CommitFile, relocate } from "./attribution.ts";
import {
  type AgentTraceRecord,
  atraceMeta,
  type AttributedRange,
  buildRecord,
  recordModel,
  recordRanges,
  recordSession,
} from "./agent_trace.ts";

/**
 * The records of `commit` after a rewrite: ranges of records made for another revision are found
 * again by content hash in the commit's added lines; one record per session; `missing` ranges lost.
 */
export function relocateRecordsIn(
  commit: string,
  records: AgentTraceRecord[],
  files: CommitFile[],
  toolVersion: string,
): { records: AgentTraceRecord[]; missing: number } {
  const bySession = new Map<string, { ranges: AttributedRange[]; from: AgentTraceRecord }>();
  const keep: AgentTraceRecord[] = [];
  let missing = 0;
  for (const record of records) {
    const id = recordSession(record);
    if (!id) continue;
    const entry = bySession.get(id) ?? { ranges: [], from: record };
    if (record.vcs?.revision === commit) {
      entry.ranges.push(...recordRanges(record));
    } else {
      const { moved, lost } = relocate(recordRanges(record), files);
      entry.ranges.push(...moved);
      missing += lost.length;
    }
    bySession.set(id, entry);
  }
  for (const [id, { ranges, from }] of bySession) {
    const unique = [...new Map(ranges.map((r) => [`${r.path}:${r.start}:${r.end}`, r])).values()];
    if (!unique.length) continue;
    const model = recordModel(from);
    keep.push(buildRecord({
      commit,
      sessionId: id,
      agent: atraceMeta(from)?.agent ?? "unknown",
      ...(model ? { model } : {}),
      toolVersion,
      ranges: unique,
    }));
  }
  return { records: keep, missing };
}

/** The candidate commit whose added lines hold most of `ranges` (by content hash), if any. */
export function bestByContent(
  ranges: AttributedRange[],
  candidates: string[],
  diffs: Map<string, CommitFile[]>,
): string | null {
  if (!ranges.length) return null;
  let best: string | null = null;
  let score = 0;
  for (const c of candidates) {
    const { moved } = relocate(ranges, diffs.get(c) ?? []);
    if (moved.length > score) {
      score = moved.length;
      best = c;
    }
  }
  return best;
}
