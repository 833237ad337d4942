/** Agent Trace import: parsing single records, arrays or JSONL, and refusing hostile input. */
import { type AgentTraceRecord, META_KEY, recordModel, recordSession } from "./agent_trace.ts";
import { CommandError } from "./errors.ts";
import { SESSION_KEY, type SessionDetails } from "./export_trace.ts";
import { isObject, validateRecord } from "./import_validate.ts";
import { type AgentName, CAPTURED_AGENTS, type SessionMeta } from "./model.ts";
import { isValidSessionId } from "./session_id.ts";
import { isUpstreamExport, mapUpstreamExport } from "./upstream_import.ts";

/** The transcript line type that keeps an imported record verbatim. */
export const IMPORT_LINE_TYPE = "agent-trace";
/** The largest input `import` reads. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const AGENTS: AgentName[] = [...CAPTURED_AGENTS, "import"];

/**
 * Parses `text` as one record, an array of records or JSONL; throws on the first problem. The
 * original bash tool's exports are mapped to 0.1.0, and what was mapped is added to `notes`.
 */
export function parseTraceInput(
  text: string,
  name: string,
  notes: string[] = [],
): AgentTraceRecord[] {
  if (!text.trim()) throw new CommandError(`'${name}' holds no Agent Trace records`);
  let values: unknown[];
  try {
    const whole = JSON.parse(text);
    values = Array.isArray(whole) ? whole : [whole];
  } catch {
    values = [];
    text.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      try {
        values.push(JSON.parse(line));
      } catch {
        throw new CommandError(`'${name}' is not JSON or JSONL (line ${i + 1} does not parse)`);
      }
    });
  }
  if (!values.length) throw new CommandError(`'${name}' holds no Agent Trace records`);
  return values.map((v, i) => {
    const label = `${name}: record ${i + 1}`;
    if (!isUpstreamExport(v)) return validateRecord(v, label);
    const { record, mapped } = mapUpstreamExport(v);
    notes.push(`${label} is the original git-atrace's export: ${mapped.join("; ")}`);
    return validateRecord(record, label);
  });
}

/** The session an imported record belongs to: its git-atrace session, else the record's id. */
export function importSessionId(record: AgentTraceRecord): string {
  const id = recordSession(record) ?? record.id;
  if (!isValidSessionId(id)) {
    throw new CommandError(`record '${record.id}': invalid session id '${id.slice(0, 80)}'`);
  }
  return id;
}

/** The session details an exported record carries, if well-formed. */
function recordDetails(record: AgentTraceRecord): SessionDetails | null {
  const d = record.metadata?.[SESSION_KEY];
  return isObject(d) && typeof d.id === "string" ? d as unknown as SessionDetails : null;
}

/** Metadata for a session created by import, from the records' details. */
export function metaFromRecords(id: string, records: AgentTraceRecord[]): SessionMeta {
  const d = records.map(recordDetails).find((x) => x !== null) ?? null;
  const times = records.map((r) => r.timestamp).sort();
  const str = (v: unknown) => (typeof v === "string" && v.length <= 4096 ? v : undefined);
  const time = (
    v: unknown,
  ) => (str(v) && !isNaN(Date.parse(v as string)) ? v as string : undefined);
  const agent = AGENTS.find((a) => a === d?.agent) ?? "import";
  const meta: SessionMeta = {
    id,
    agent,
    startedAt: time(d?.started_at) ?? times[0]!,
    updatedAt: time(d?.updated_at) ?? times.at(-1)!,
    counts: { events: 0, prompts: 0, edits: 0, shell: 0 },
  };
  const counts = d?.counts as Record<string, unknown> | undefined;
  if (isObject(counts) && Object.values(counts).every((n) => Number.isInteger(n))) {
    meta.counts = counts as SessionMeta["counts"];
  }
  const model = str(d?.model) ?? records.map(recordModel).find((m) => m);
  if (str(d?.agent_version)) meta.agentVersion = str(d?.agent_version)!;
  if (model) meta.model = model;
  if (str(d?.title)) meta.title = str(d?.title)!;
  if (str(d?.branch)) meta.branch = str(d?.branch)!;
  return Object.fromEntries(
    ["id", "agent", "agentVersion", "model", "branch", "title", "startedAt", "updatedAt", "counts"]
      .filter((k) => k in meta).map((k) => [k, meta[k as keyof SessionMeta]]),
  ) as unknown as SessionMeta;
}

/**
 * The record as kept in notes on `commit`: without the export-only details, with a session pointer,
 * its revision the full sha (a short or upper-case one would read as copied from another commit).
 */
export function noteRecord(
  record: AgentTraceRecord,
  sessionId: string,
  commit: string,
): AgentTraceRecord {
  const out = structuredClone(record);
  if (out.vcs?.type === "git") out.vcs.revision = commit;
  const metadata = { ...out.metadata };
  delete metadata[SESSION_KEY];
  if (!recordSession(out)) {
    metadata[META_KEY] = {
      session_id: sessionId,
      agent: "import",
      tool_call_ids: [],
      match: "exact",
      ranges: [],
    };
  }
  if (Object.keys(metadata).length) out.metadata = metadata;
  else delete out.metadata;
  return out;
}

/** A transcript line that keeps an imported record verbatim. */
export function importLine(record: AgentTraceRecord): string {
  return JSON.stringify({ type: IMPORT_LINE_TYPE, timestamp: record.timestamp, record });
}

/** The records kept in a transcript by import. */
export function importedRecords(transcript: string): AgentTraceRecord[] {
  const out: AgentTraceRecord[] = [];
  for (const line of transcript.split("\n")) {
    if (!line.includes(`"${IMPORT_LINE_TYPE}"`)) continue;
    try {
      const value = JSON.parse(line);
      if (value?.type === IMPORT_LINE_TYPE && isObject(value.record)) {
        out.push(validateRecord(value.record, "stored record"));
      }
    } catch {
      // not an import line
    }
  }
  return out;
}
