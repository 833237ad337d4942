/**
 * Line ranges from notes and imports are hostile input (a teammate's or a remote's notes): every
 * range must satisfy 1 ≤ start ≤ end ≤ the file's length at its revision. Ranges that do not are
 * dropped, so that no number (2e9, 2^60, 1e308, -1, 1.5) makes a command spin or allocate.
 */
import type { AgentTraceRecord } from "./agent_trace.ts";
import { isObject } from "./import_validate.ts";

/** No file has more lines than this; a range past it is dropped without looking at the file. */
export const MAX_LINE_NUMBER = 10_000_000;

/** A range dropped from a record, for `doctor`. */
export interface DroppedRange {
  revision: string;
  path: string;
  start: unknown;
  end: unknown;
  why: string;
}

/** True for integer line numbers with 1 ≤ start ≤ end ≤ MAX_LINE_NUMBER. */
export function isSaneRange(start: unknown, end: unknown): boolean {
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) &&
    (start as number) >= 1 && (start as number) <= (end as number) &&
    (end as number) <= MAX_LINE_NUMBER;
}

/**
 * `record` without the ranges that fail `keep` (in its files and in its git-atrace metadata);
 * what was dropped is appended to `dropped`.
 */
export function keepRanges(
  record: AgentTraceRecord,
  keep: (path: string, start: number, end: number) => string | null,
  dropped: DroppedRange[],
): AgentTraceRecord {
  const revision = record.vcs?.revision ?? "";
  const files = record.files.map((file) => ({
    ...file,
    conversations: file.conversations.map((c) => ({
      ...c,
      ranges: c.ranges.filter((r) => {
        const why = isObject(r) && isSaneRange(r.start_line, r.end_line)
          ? keep(file.path, r.start_line, r.end_line)
          : "not 1 ≤ start ≤ end ≤ 10000000";
        if (why) {
          dropped.push({ revision, path: file.path, start: r?.start_line, end: r?.end_line, why });
        }
        return !why;
      }),
    })),
  }));
  const kept = new Set(
    files.flatMap((f) =>
      f.conversations.flatMap((c) =>
        c.ranges.map((r) => `${f.path}\0${r.start_line}\0${r.end_line}`)
      )
    ),
  );
  const metadata = record.metadata && keepMetaRanges(record.metadata, kept);
  return { ...record, files, ...(metadata ? { metadata } : {}) };
}

/** The metadata with its per-range details only for ranges that were kept. */
function keepMetaRanges(metadata: Record<string, unknown>, kept: Set<string>) {
  const own = metadata["dev.git-atrace"];
  if (!isObject(own) || !Array.isArray(own.ranges)) return metadata;
  const ranges = own.ranges.filter((r) =>
    isObject(r) && kept.has(`${r.path}\0${r.start_line}\0${r.end_line}`)
  );
  return { ...metadata, "dev.git-atrace": { ...own, ranges } };
}

/** Drops the ranges of `record` that are not sane integers (see isSaneRange). */
export function dropInsaneRanges(record: AgentTraceRecord, dropped: DroppedRange[] = []) {
  return keepRanges(record, () => null, dropped);
}

/** Drops ranges past their file's length (`lengths`: `<revision>:<path>` → lines, null: no such file). */
export function dropBeyondFiles(
  record: AgentTraceRecord,
  lengths: Map<string, number | null>,
  dropped: DroppedRange[] = [],
): AgentTraceRecord {
  const revision = record.vcs?.revision;
  if (!revision) return record;
  return keepRanges(record, (path, _start, end) => {
    const length = lengths.get(`${revision}:${path}`);
    if (length === undefined) return null;
    if (length === null) return `'${path}' does not exist at ${revision.slice(0, 7)}`;
    return end > length ? `past the end of '${path}' (${length} lines)` : null;
  }, dropped);
}

/** The `<revision>:<path>` of every file a record's ranges name. */
export function rangeFiles(records: AgentTraceRecord[]): string[] {
  const out = new Set<string>();
  for (const record of records) {
    const revision = record.vcs?.revision;
    if (!revision) continue;
    for (const file of record.files) {
      if (file.conversations.some((c) => c.ranges.length)) out.add(`${revision}:${file.path}`);
    }
  }
  return [...out];
}
