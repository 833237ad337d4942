/** Agent Trace import: parsing single records, arrays or JSONL, and refusing hostile input. */
import { type AgentTraceRecord, META_KEY, recordModel, recordSession } from "./agent_trace.ts";
import { CommandError } from "./errors.ts";
import { SESSION_KEY, type SessionDetails } from "./export_trace.ts";
import type { AgentName, SessionMeta } from "./model.ts";
import { isValidSessionId } from "./session_id.ts";

/** The transcript line type that keeps an imported record verbatim. */
export const IMPORT_LINE_TYPE = "agent-trace";
/** The largest input `import` reads. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const AGENTS: AgentName[] = [
  "claude-code",
  "gemini-cli",
  "opencode",
  "codex",
  "cursor",
  "copilot-cli",
  "cline",
  "import",
];
const CONTRIBUTORS = ["human", "ai", "mixed", "unknown"];
const VCS = ["git", "jj", "hg", "svn"];

/** Parses `text` as one record, an array of records or JSONL; throws on the first problem. */
export function parseTraceInput(text: string, name: string): AgentTraceRecord[] {
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
  return values.map((v, i) => validateRecord(v, `${name}: record ${i + 1}`));
}

const MAX_DEPTH = 64;

/** True when `value` nests objects or arrays more than `limit` levels deep (checked without recursion). */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function fail(label: string, what: string): never {
  throw new CommandError(`${label}: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for a repository-relative path that stays inside the repository. */
export function isSafeRelativePath(path: string): boolean {
  if (!path || path.length > 4096 || [...path].some((c) => c.charCodeAt(0) < 32)) return false;
  if (/^[/\\]/.test(path) || /^[A-Za-z]:/.test(path)) return false;
  const parts = path.split(/[/\\]/);
  return !parts.some((p) => p === ".." || p === ".") && parts[0] !== ".git";
}

function checkString(v: unknown, label: string, max = 4096): string {
  if (typeof v !== "string" || v.length > max) fail(label, "must be a string");
  return v;
}

function checkContributor(v: unknown, label: string): void {
  if (!isObject(v) || !CONTRIBUTORS.includes(v.type as string)) {
    fail(label, "contributor.type must be human, ai, mixed or unknown");
  }
  if (v.model_id !== undefined) checkString(v.model_id, `${label} model_id`, 250);
}

/** Checks a value against the Agent Trace 0.1.0 record schema (plus git-atrace's safety rules). */
export function validateRecord(value: unknown, label: string): AgentTraceRecord {
  if (!isObject(value)) fail(label, "not a JSON object");
  const v = value;
  if (typeof v.version !== "string" || !/^[0-9]+\.[0-9]+\.[0-9]+$/.test(v.version)) {
    fail(label, "version must look like 0.1.0");
  }
  const id = checkString(v.id, `${label} id`, 200);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    fail(label, `id '${id.slice(0, 80)}' is not a UUID`);
  }
  const ts = checkString(v.timestamp, `${label} timestamp`, 64);
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(ts) || isNaN(Date.parse(ts))
  ) {
    fail(label, "timestamp must be an RFC 3339 date-time");
  }
  if (v.vcs !== undefined) {
    if (!isObject(v.vcs) || !VCS.includes(v.vcs.type as string)) fail(label, "vcs.type is invalid");
    const revision = checkString(v.vcs.revision, `${label} vcs.revision`, 128);
    if (v.vcs.type === "git" && !/^[0-9a-f]{4,64}$/i.test(revision)) {
      fail(label, `vcs.revision '${revision.slice(0, 80)}' is not a git commit id`);
    }
  }
  if (v.tool !== undefined && !isObject(v.tool)) fail(label, "tool must be an object");
  if (v.metadata !== undefined && !isObject(v.metadata)) fail(label, "metadata must be an object");
  if (tooDeep(v.metadata, MAX_DEPTH)) {
    fail(label, `metadata is nested deeper than ${MAX_DEPTH} levels`);
  }
  if (!Array.isArray(v.files)) fail(label, "files must be an array");
  for (const [i, file] of v.files.entries()) {
    const at = `${label} file ${i + 1}`;
    if (!isObject(file)) fail(at, "not an object");
    const path = checkString(file.path, `${at} path`);
    if (!isSafeRelativePath(path)) {
      fail(at, `path '${path.slice(0, 200)}' is outside the repository`);
    }
    if (!Array.isArray(file.conversations)) fail(at, "conversations must be an array");
    for (const c of file.conversations) {
      if (!isObject(c) || !Array.isArray(c.ranges)) fail(at, "each conversation needs ranges");
      if (c.url !== undefined) checkString(c.url, `${at} url`);
      if (c.contributor !== undefined) checkContributor(c.contributor, at);
      if (c.related !== undefined && !Array.isArray(c.related)) {
        fail(at, "related must be an array");
      }
      for (const r of (c.related ?? []) as unknown[]) {
        if (!isObject(r)) fail(at, "related entries must be objects");
        checkString(r.type, `${at} related type`);
        checkString(r.url, `${at} related url`);
      }
      for (const r of c.ranges) {
        const ok = isObject(r) && Number.isInteger(r.start_line) && Number.isInteger(r.end_line) &&
          (r.start_line as number) >= 1 && (r.end_line as number) >= 1;
        if (!ok) fail(at, "ranges need integer start_line and end_line of at least 1");
        if (r.content_hash !== undefined) checkString(r.content_hash, `${at} content_hash`, 512);
        if (r.contributor !== undefined) checkContributor(r.contributor, at);
      }
    }
  }
  return v as unknown as AgentTraceRecord;
}

/** The session an imported record belongs to: its git-atrace session, else the record's id. */
export function importSessionId(record: AgentTraceRecord): string {
  const id = recordSession(record) ?? record.id;
  if (!isValidSessionId(id)) {
    throw new CommandError(`record ${record.id}: invalid session id '${id.slice(0, 80)}'`);
  }
  return id;
}

/** The session details an exported record carries, if well-formed. */
export function recordDetails(record: AgentTraceRecord): SessionDetails | null {
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

/** The record as kept in notes: without the export-only details, with a session pointer. */
export function noteRecord(record: AgentTraceRecord, sessionId: string): AgentTraceRecord {
  const out = structuredClone(record);
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
