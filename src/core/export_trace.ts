/** Agent Trace export: session details, session pointers and records rebuilt from hook events. */
import { createHash } from "node:crypto";
import {
  type AgentTraceRecord,
  type AttributedRange,
  buildRecord,
  contentHash,
  recordSession,
  SESSION_URL,
} from "./agent_trace.ts";
import type { HookEvent, SessionMeta } from "./model.ts";

/** The metadata key holding a session's details in exported records. */
export const SESSION_KEY = "dev.git-atrace.session";

/** What an exported record says about its session (all optional but the id). */
export interface SessionDetails {
  id: string;
  agent?: string;
  agent_version?: string;
  model?: string;
  title?: string;
  branch?: string;
  started_at?: string;
  updated_at?: string;
  counts?: SessionMeta["counts"];
}

/** The details of a session from its metadata (null metadata: the id alone). */
export function sessionDetails(id: string, meta: SessionMeta | null): SessionDetails {
  const d: SessionDetails = { id };
  if (!meta) return d;
  d.agent = meta.agent;
  if (meta.agentVersion) d.agent_version = meta.agentVersion;
  if (meta.model) d.model = meta.model;
  if (meta.title) d.title = meta.title;
  if (meta.branch) d.branch = meta.branch;
  d.started_at = meta.startedAt;
  d.updated_at = meta.updatedAt;
  d.counts = meta.counts;
  return d;
}

/** A UUID (version 8, RFC 9562) derived from `seed`: stable across exports of the same data. */
function stableUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The record as exported: every conversation points at its session, details under SESSION_KEY. */
export function decorateRecord(
  record: AgentTraceRecord,
  details: SessionDetails | null,
): AgentTraceRecord {
  const out = structuredClone(record);
  const id = recordSession(out);
  for (const file of out.files) {
    for (const conversation of file.conversations) {
      if (!id) continue;
      const url = SESSION_URL + id;
      conversation.url ??= url;
      const related = conversation.related ?? [];
      if (!related.some((r) => r.type === "session" && r.url === url)) {
        related.push({ type: "session", url });
      }
      conversation.related = related;
    }
  }
  if (details) out.metadata = { ...out.metadata, [SESSION_KEY]: details };
  return out;
}

/** The ranges a session's own edits added, per file, when no commit has been linked. */
function rangesFromEvents(events: HookEvent[], inRepo: (path: string) => boolean) {
  const ranges: AttributedRange[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    for (const edit of event.edits ?? []) {
      if (edit.op === "delete" || !inRepo(edit.path)) continue;
      let next = 0;
      for (const r of edit.added) {
        const n = r.end - r.start + 1;
        const lines = edit.addedLines.slice(next, next + n);
        next += n;
        if (r.start < 1 || r.end < r.start) continue;
        const key = `${edit.path}\0${r.start}\0${r.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ranges.push({
          path: edit.path,
          start: r.start,
          end: r.end,
          contentHash: contentHash(lines),
          toolCallIds: event.toolCallId ? [event.toolCallId] : [],
          match: "exact",
        });
      }
    }
  }
  return ranges;
}

/** A record without `vcs` for a session linked to no commit (no files when it edited nothing). */
export function recordFromEvents(input: {
  sessionId: string;
  meta: SessionMeta | null;
  events: HookEvent[];
  toolVersion: string;
  inRepo: (path: string) => boolean;
}): AgentTraceRecord {
  const ranges = rangesFromEvents(input.events, input.inRepo);
  const model = input.meta?.model ?? input.events.find((e) => e.model)?.model;
  const record = buildRecord({
    commit: "",
    sessionId: input.sessionId,
    agent: input.meta?.agent ?? input.events[0]?.agent ?? "unknown",
    ...(model ? { model } : {}),
    toolVersion: input.toolVersion,
    ranges,
    id: stableUuid(`${input.sessionId}\0${JSON.stringify(ranges)}`),
    timestamp: input.meta?.updatedAt ?? input.events.at(-1)?.time ?? new Date(0).toISOString(),
  });
  delete record.vcs;
  return record;
}
