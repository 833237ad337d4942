/** Agent Trace 0.1.0 records for line attribution: building, parsing and content hashes. */
import { createHash } from "node:crypto";
import { isObject } from "./import_validate.ts";
import { arr } from "./json.ts";
import { dropInsaneRanges, type DroppedRange } from "./range_check.ts";

/** The Agent Trace specification version written. */
const AGENT_TRACE_VERSION = "0.1.0";
/** The vendor key of git-atrace's record metadata. */
export const META_KEY = "dev.git-atrace";
/** The URL prefix naming a session. */
export const SESSION_URL = "atrace://session/";

/** How a range was matched: the exact text, or the text with whitespace normalized. */
export type MatchKind = "exact" | "normalized";

/** A contributor as the schema defines it. */
export interface TraceContributor {
  type: "human" | "ai" | "mixed" | "unknown";
  model_id?: string;
}

/** An inclusive 1-based line range of the file at `vcs.revision`. */
export interface TraceRange {
  start_line: number;
  end_line: number;
  content_hash?: string;
  contributor?: TraceContributor;
}

/** One conversation's ranges in one file. */
export interface TraceConversation {
  url?: string;
  contributor?: TraceContributor;
  ranges: TraceRange[];
  related?: { type: string; url: string }[];
}

/** One file of a record. */
export interface TraceFile {
  path: string;
  conversations: TraceConversation[];
}

/** Per-range details kept in the record metadata (the schema has no range-level metadata). */
export interface RangeMeta {
  path: string;
  start_line: number;
  end_line: number;
  tool_call_ids: string[];
  match: MatchKind;
}

/** git-atrace's metadata on a record. */
export interface AtraceMeta {
  session_id: string;
  agent: string;
  tool_call_ids: string[];
  match: MatchKind;
  ranges: RangeMeta[];
  /** "person" when someone other than the session committed its lines (the session made no commit). */
  committed_by?: "person";
}

/** One Agent Trace 0.1.0 record. */
export interface AgentTraceRecord {
  version: string;
  id: string;
  timestamp: string;
  vcs?: { type: "git" | "jj" | "hg" | "svn"; revision: string };
  tool?: { name?: string; version?: string };
  files: TraceFile[];
  metadata?: Record<string, unknown>;
}

/** A range of a commit's lines attributed to one session. */
export interface AttributedRange {
  path: string;
  start: number;
  end: number;
  contentHash: string;
  toolCallIds: string[];
  match: MatchKind;
}

/** What `buildRecord` needs. */
export interface RecordInput {
  commit: string;
  sessionId: string;
  agent: string;
  model?: string;
  toolVersion: string;
  ranges: AttributedRange[];
  committedBy?: "person";
  id?: string;
  timestamp?: string;
}

/** `sha256:<hex>` of the lines joined with '\n' (position-independent content identity). */
export function contentHash(lines: string[]): string {
  return "sha256:" + createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** A models.dev-style id (`provider/model`) for a bare model name. */
function modelId(model: string): string {
  if (model.includes("/")) return model.slice(0, 250);
  const provider = /^claude/.test(model)
    ? "anthropic"
    : /^(gpt|o\d|codex)/.test(model)
    ? "openai"
    : /^gemini/.test(model)
    ? "google"
    : "";
  return (provider ? `${provider}/${model}` : model).slice(0, 250);
}

/** The record for one (commit, session): one file entry per path, ranges in line order. */
export function buildRecord(input: RecordInput): AgentTraceRecord {
  const ranges = [...input.ranges].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start
  );
  const contributor: TraceContributor = { type: "ai" };
  if (input.model) contributor.model_id = modelId(input.model);
  const paths = [...new Set(ranges.map((r) => r.path))];
  const files: TraceFile[] = paths.map((path) => ({
    path,
    conversations: [{
      url: SESSION_URL + input.sessionId,
      contributor,
      ranges: ranges.filter((r) => r.path === path).map((r) => ({
        start_line: r.start,
        end_line: r.end,
        content_hash: r.contentHash,
      })),
    }],
  }));
  const meta: AtraceMeta = {
    session_id: input.sessionId,
    agent: input.agent,
    tool_call_ids: [...new Set(ranges.flatMap((r) => r.toolCallIds))],
    match: ranges.some((r) => r.match === "normalized") ? "normalized" : "exact",
    ranges: ranges.map((r) => ({
      path: r.path,
      start_line: r.start,
      end_line: r.end,
      tool_call_ids: r.toolCallIds,
      match: r.match,
    })),
    ...(input.committedBy ? { committed_by: input.committedBy } : {}),
  };
  return {
    version: AGENT_TRACE_VERSION,
    id: input.id ?? crypto.randomUUID(),
    timestamp: input.timestamp ?? new Date().toISOString(),
    vcs: { type: "git", revision: input.commit },
    tool: { name: "git-atrace", version: input.toolVersion },
    files,
    metadata: { [META_KEY]: meta },
  };
}

/**
 * The records of a note (one JSON object per line; blank and damaged lines are skipped, and so are
 * ranges that are not 1 ≤ start ≤ end ≤ 10,000,000: see range_check.ts); dropped ranges are
 * appended to `dropped`.
 */
export function parseRecords(noteText: string, dropped: DroppedRange[] = []): AgentTraceRecord[] {
  const records: AgentTraceRecord[] = [];
  for (const line of noteText.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    try {
      const value = JSON.parse(line);
      if (isRecord(value)) records.push(dropInsaneRanges(value, dropped));
    } catch {
      // a damaged line is not a record
    }
  }
  return records;
}

/** The shape every reader relies on (notes may come from another clone: nothing is trusted). */
function isRecord(value: unknown): value is AgentTraceRecord {
  if (!isObject(value)) return false;
  if (typeof value.version !== "string" || typeof value.id !== "string") return false;
  if (typeof value.timestamp !== "string" || !Array.isArray(value.files)) return false;
  if (value.vcs !== undefined && !(isObject(value.vcs) && typeof value.vcs.revision === "string")) {
    return false;
  }
  if (value.metadata !== undefined && !isObject(value.metadata)) return false;
  return value.files.every((f) =>
    isObject(f) && typeof f.path === "string" && Array.isArray(f.conversations) &&
    f.conversations.every((c) =>
      isObject(c) && (c.url === undefined || typeof c.url === "string") &&
      (c.contributor === undefined || isObject(c.contributor)) && Array.isArray(c.ranges)
    )
  );
}

/** A note's text for `records`: one compact JSON object per line. */
export function serializeRecords(records: AgentTraceRecord[]): string {
  return records.map((r) => JSON.stringify(r) + "\n").join("");
}

/** git-atrace's metadata of a record (when it names a session), its other fields made safe to use. */
export function atraceMeta(record: AgentTraceRecord): AtraceMeta | null {
  const meta = record.metadata?.[META_KEY];
  if (!isObject(meta) || typeof meta.session_id !== "string") return null;
  return {
    session_id: meta.session_id,
    agent: typeof meta.agent === "string" ? meta.agent : "unknown",
    tool_call_ids: arr(meta.tool_call_ids).filter((x): x is string => typeof x === "string"),
    match: meta.match === "normalized" ? "normalized" : "exact",
    ranges: arr(meta.ranges).filter((r): r is RangeMeta =>
      isObject(r) && typeof r.path === "string" && Array.isArray(r.tool_call_ids)
    ),
    ...(meta.committed_by === "person" ? { committed_by: "person" as const } : {}),
  };
}

/** The session a record attributes lines to (metadata first, then the conversation url). */
export function recordSession(record: AgentTraceRecord): string | null {
  const meta = atraceMeta(record);
  if (meta?.session_id) return meta.session_id;
  for (const file of record.files) {
    for (const c of file.conversations ?? []) {
      if (c.url?.startsWith(SESSION_URL)) return c.url.slice(SESSION_URL.length);
    }
  }
  return null;
}

/**
 * One record per session: the newest (by timestamp, then position). Two clones that linked the same
 * commit each wrote one, and the notes merge (cat_sort_uniq) keeps both.
 */
export function latestPerSession(records: AgentTraceRecord[]): AgentTraceRecord[] {
  const latest = new Map<string, AgentTraceRecord>();
  for (const record of records) {
    const key = recordSession(record) ?? record.id;
    const seen = latest.get(key);
    if (!seen || seen.timestamp <= record.timestamp) latest.set(key, record);
  }
  return [...latest.values()];
}

/** The model of a record's first conversation. */
export function recordModel(record: AgentTraceRecord): string | undefined {
  for (const file of record.files) {
    for (const c of file.conversations ?? []) {
      const model = c.contributor?.model_id;
      if (model && typeof model === "string") return model;
    }
  }
  return undefined;
}

/** The attributed ranges of a record, with tool-call ids from the metadata. */
export function recordRanges(record: AgentTraceRecord): AttributedRange[] {
  const meta = atraceMeta(record);
  const out: AttributedRange[] = [];
  for (const file of record.files) {
    for (const c of file.conversations ?? []) {
      for (const r of c.ranges ?? []) {
        const m = meta?.ranges?.find((x) =>
          x.path === file.path && x.start_line === r.start_line && x.end_line === r.end_line
        );
        out.push({
          path: file.path,
          start: r.start_line,
          end: r.end_line,
          contentHash: r.content_hash ?? "",
          toolCallIds: m?.tool_call_ids ?? [],
          match: m?.match ?? "exact",
        });
      }
    }
  }
  return out;
}
