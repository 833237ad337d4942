/** Linking a session to a commit with its line ranges (Agent Trace records on refs/notes/atrace-ranges). */
import {
  attribute,
  type CommitFile,
  producedFromEvents,
  type ProducedLines,
} from "../core/attribution.ts";
import { type AgentTraceRecord, buildRecord, recordRanges } from "../core/agent_trace.ts";
import { VERSION } from "../version.ts";
import { commitDiffs } from "./commits.ts";
import { addLink, catFileBatch, putRecords } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { readMeta, type SessionRef } from "./store.ts";
import { readEvents } from "./transcript_read.ts";

/** What linking did. */
export interface LinkResult {
  /** False when the session was already linked to the commit. */
  added: boolean;
  /** Lines of the commit attributed to the session. */
  lines: number;
  /** The record stored (null when the session recorded no lines to compare). */
  record: AgentTraceRecord | null;
}

/** How a record is computed: the commit's diff when already read, and who committed. */
export interface RecordOptions {
  diffs?: Map<string, CommitFile[]>;
  /** The texts the commit's files had before it (see `textsBefore`); read when not given. */
  existing?: Map<string, Set<string>>;
  /** `path:line` keys another session was credited with in this commit. */
  claimed?: Set<string>;
  committedBy?: "person";
  /** HEADs that mean the commit already existed: edits recorded at them cannot be in it
   * (default: the commit itself). */
  after?: Set<string>;
}

/** The lines each of the session's recorded tool calls produced (not those recorded `after`). */
export async function producedLines(
  ref: SessionRef,
  after?: Set<string>,
): Promise<ProducedLines[]> {
  return producedFromEvents(await readEvents(ref), after);
}

/**
 * The Agent Trace record of `ref`'s lines in `commit`, matched line by line against what its edits
 * produced; a record without ranges when none match, null when the session recorded no lines at all.
 */
export async function recordFor(
  repo: Repo,
  commit: string,
  ref: SessionRef,
  opts: RecordOptions = {},
): Promise<AgentTraceRecord | null> {
  const [produced, meta, diffs] = await Promise.all([
    producedLines(ref, opts.after ?? new Set([commit])),
    readMeta(ref),
    opts.diffs?.has(commit) ? opts.diffs : commitDiffs(repo, [commit]),
  ]);
  if (!produced.length) return null;
  const files = diffs.get(commit) ?? [];
  const existing = opts.existing ?? await textsBefore(repo, commit, files);
  return buildRecord({
    commit,
    sessionId: ref.id,
    agent: meta?.agent ?? "unknown",
    ...(meta?.model ? { model: meta.model } : {}),
    toolVersion: VERSION,
    ranges: attribute(files, produced, {
      existing,
      ...(opts.claimed ? { claimed: opts.claimed } : {}),
    }),
    ...(opts.committedBy ? { committedBy: opts.committedBy } : {}),
  });
}

/**
 * Per path the commit added lines to, the texts of that file in its first parent: a session's line
 * already there was committed before, and cannot alone tell that the session wrote a new one.
 */
export async function textsBefore(
  repo: Repo,
  commit: string,
  files: CommitFile[],
): Promise<Map<string, Set<string>>> {
  const paths = files.filter((f) => f.added.length && !/[\n\r]/.test(f.path)).map((f) => f.path);
  const out = new Map<string, Set<string>>();
  if (!paths.length) return out;
  const blobs = await catFileBatch(gitCwd(repo), paths.map((p) => `${commit}^:${p}`));
  for (const path of paths) {
    const text = blobs.get(`${commit}^:${path}`);
    if (text !== undefined) out.set(path, new Set(text.split("\n")));
  }
  return out;
}

/** The number of lines a record attributes. */
export function recordLines(record: AgentTraceRecord | null): number {
  return record ? recordRanges(record).reduce((n, r) => n + r.end - r.start + 1, 0) : 0;
}

/** Links `ref` to `commit` and stores the lines it wrote there (replacing an older record). */
export async function linkSession(
  repo: Repo,
  commit: string,
  ref: SessionRef,
  opts: RecordOptions = {},
): Promise<LinkResult> {
  const added = await addLink(repo, commit, ref.id);
  const record = await recordFor(repo, commit, ref, opts);
  await putRecords(repo, commit, record ? [record] : [], [ref.id]);
  return { added, lines: recordLines(record), record };
}
