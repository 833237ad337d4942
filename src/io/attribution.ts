/** Linking a session to a commit with its line ranges (Agent Trace records on refs/notes/atrace-ranges). */
import { attribute, producedFromEvents, type ProducedLines } from "../core/attribution.ts";
import { type AgentTraceRecord, buildRecord } from "../core/agent_trace.ts";
import { VERSION } from "../version.ts";
import { commitDiffs } from "./commits.ts";
import { addLink, putRecords } from "./notes.ts";
import type { Repo } from "./repo.ts";
import { readMeta, type SessionRef } from "./store.ts";
import { readEvents } from "./transcript_read.ts";

/** What linking did. */
export interface LinkResult {
  /** False when the session was already linked to the commit. */
  added: boolean;
  /** Lines of the commit attributed to the session. */
  lines: number;
}

/** The lines each of the session's recorded tool calls produced. */
async function producedLines(ref: SessionRef): Promise<ProducedLines[]> {
  return producedFromEvents(await readEvents(ref));
}

/** The Agent Trace record of `ref`'s lines in `commit`, or null when none of them match. */
export async function recordFor(
  repo: Repo,
  commit: string,
  ref: SessionRef,
): Promise<AgentTraceRecord | null> {
  const [produced, meta, diffs] = await Promise.all([
    producedLines(ref),
    readMeta(ref),
    commitDiffs(repo, [commit]),
  ]);
  if (!produced.length) return null;
  const ranges = attribute(diffs.get(commit) ?? [], produced);
  if (!ranges.length) return null;
  return buildRecord({
    commit,
    sessionId: ref.id,
    agent: meta?.agent ?? "unknown",
    ...(meta?.model ? { model: meta.model } : {}),
    toolVersion: VERSION,
    ranges,
  });
}

/** Links `ref` to `commit` and stores the lines it wrote there (replacing an older record). */
export async function linkSession(
  repo: Repo,
  commit: string,
  ref: SessionRef,
): Promise<LinkResult> {
  const added = await addLink(repo, commit, ref.id);
  const record = await recordFor(repo, commit, ref);
  await putRecords(repo, commit, record ? [record] : [], [ref.id]);
  const lines = record
    ? record.files.flatMap((f) => f.conversations.flatMap((c) => c.ranges))
      .reduce((n, r) => n + r.end_line - r.start_line + 1, 0)
    : 0;
  return { added, lines };
}
