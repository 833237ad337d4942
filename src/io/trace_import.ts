/** Importing Agent Trace records: new sessions in the store, records and links in notes. */
import { type AgentTraceRecord, recordSession } from "../core/agent_trace.ts";
import { CommandError } from "../core/errors.ts";
import { importLine, importSessionId, metaFromRecords, noteRecord } from "../core/import_trace.ts";
import type { DroppedRange } from "../core/range_check.ts";
import { legacyTimestamp } from "../core/session_meta.ts";
import { resolveCommit } from "./commits.ts";
import { ensurePrivateDir, writePrivate } from "./fs.ts";
import { addLink, putRecords, readRanges } from "./notes.ts";
import { checkedRecords } from "./range_files.ts";
import type { Repo } from "./repo.ts";
import { listIds, localDir, sessionPath, sharedDir } from "./store.ts";
import { readImportedRecords } from "./transcript_read.ts";

/** What an import did, for the report. */
export interface ImportReport {
  created: string[];
  merged: { id: string; records: number }[];
  unchanged: string[];
  linked: string[];
  notFound: string[];
  skipped: string[];
}

interface Placed {
  record: AgentTraceRecord;
  commit: string | null;
}

async function resolveRevisions(repo: Repo, records: AgentTraceRecord[]) {
  const out = new Map<string, string | null>();
  for (const record of records) {
    const rev = record.vcs?.type === "git" ? record.vcs.revision : null;
    if (!rev || out.has(rev)) continue;
    out.set(rev, await resolveCommit(repo, rev).catch(() => null));
  }
  return out;
}

function groupBySession(records: AgentTraceRecord[]): Map<string, AgentTraceRecord[]> {
  const groups = new Map<string, AgentTraceRecord[]>();
  const seen = new Map<string, string>();
  for (const record of records) {
    const text = JSON.stringify(record);
    const before = seen.get(record.id);
    if (before !== undefined && before !== text) {
      throw new CommandError(`record id '${record.id}' appears twice with different content`);
    }
    if (before !== undefined) continue;
    seen.set(record.id, text);
    const id = importSessionId(record);
    groups.set(id, [...(groups.get(id) ?? []), record]);
  }
  return groups;
}

/** Imports validated records; plans everything before it writes anything. */
export async function importRecords(
  repo: Repo,
  records: AgentTraceRecord[],
): Promise<ImportReport> {
  const groups = groupBySession(records);
  const local = localDir(repo);
  const shared = await sharedDir(repo);
  const [localIds, sharedIds, ranges, revisions] = await Promise.all([
    listIds(local),
    shared ? listIds(shared) : Promise.resolve(new Set<string>()),
    readRanges(repo),
    resolveRevisions(repo, records),
  ]);
  const report: ImportReport = {
    created: [],
    merged: [],
    unchanged: [],
    linked: [],
    notFound: [],
    skipped: [],
  };
  const commitOf = (r: AgentTraceRecord) =>
    r.vcs?.type === "git" ? revisions.get(r.vcs.revision) ?? null : null;
  const sessionOnCommit = (commit: string, id: string) =>
    (ranges.get(commit) ?? []).filter((r) => recordSession(r) === id);
  const writes: (() => Promise<void>)[] = [];
  for (const [id, list] of groups) {
    const existing = localIds.has(id) ? local : sharedIds.has(id) ? shared! : null;
    const placed: Placed[] = list.map((record) => ({ record, commit: commitOf(record) }));
    for (const p of placed) {
      if (p.record.vcs && p.commit === null) {
        report.notFound.push(`record ${p.record.id}: commit ${p.record.vcs.revision.slice(0, 12)}`);
      }
    }
    if (existing) {
      const stored = await readImportedRecords(sessionPath(existing, id, ".jsonl"));
      const known = new Set([
        ...stored.map((r) => r.id),
        ...[...ranges.values()].flat().filter((r) => recordSession(r) === id).map((r) => r.id),
      ]);
      const fresh = placed.filter((p) => !known.has(p.record.id));
      if (!fresh.length) {
        report.unchanged.push(id);
        continue;
      }
      let added = 0;
      for (const p of fresh) {
        if (p.commit === null) {
          report.skipped.push(
            `record ${p.record.id}: session '${id}' already exists and the record names no commit here`,
          );
        } else if (sessionOnCommit(p.commit, id).length) {
          report.skipped.push(
            `record ${p.record.id}: session '${id}' already has attribution on ${
              p.commit.slice(0, 7)
            }`,
          );
        } else {
          added++;
          writes.push(() => linkRecords(repo, p.commit!, id, [p.record], report));
        }
      }
      if (added) report.merged.push({ id, records: added });
      continue;
    }
    report.created.push(id);
    writes.push(() => createSession(local, id, list));
    const byCommit = new Map<string, AgentTraceRecord[]>();
    for (const p of placed) {
      if (p.commit) byCommit.set(p.commit, [...(byCommit.get(p.commit) ?? []), p.record]);
    }
    for (const [commit, recs] of byCommit) {
      writes.push(() => linkRecords(repo, commit, id, recs, report));
    }
  }
  for (const write of writes) await write();
  return report;
}

async function linkRecords(
  repo: Repo,
  commit: string,
  id: string,
  records: AgentTraceRecord[],
  report: ImportReport,
): Promise<void> {
  const dropped: DroppedRange[] = [];
  const noted = await checkedRecords(
    repo,
    records.map((r) => noteRecord(r, id, commit)),
    dropped,
  );
  for (const d of dropped) {
    report.skipped.push(`range ${d.start}-${d.end} of '${d.path}' dropped: ${d.why}`);
  }
  await putRecords(repo, commit, noted);
  await addLink(repo, commit, id);
  report.linked.push(commit.slice(0, 7));
}

async function createSession(
  dir: string,
  id: string,
  records: AgentTraceRecord[],
): Promise<void> {
  await ensurePrivateDir(dir);
  const meta = metaFromRecords(id, records);
  const paths = [...new Set(records.flatMap((r) => r.files.map((f) => f.path)))];
  await writePrivate(sessionPath(dir, id, ".jsonl"), records.map(importLine).join("\n") + "\n");
  await writePrivate(sessionPath(dir, id, ".json"), JSON.stringify(meta, null, 2) + "\n");
  await writePrivate(sessionPath(dir, id, ".files"), paths.map((p) => p + "\n").join(""));
  await writePrivate(
    sessionPath(dir, id, ".timestamp"),
    legacyTimestamp(new Date(meta.updatedAt)) + "\n",
  );
}
