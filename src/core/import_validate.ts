/** Checking untrusted Agent Trace records: the 0.1.0 schema plus git-atrace's safety rules. */
import type { AgentTraceRecord } from "./agent_trace.ts";
import { CommandError } from "./errors.ts";
import { isSaneRange, MAX_LINE_NUMBER } from "./range_check.ts";

const CONTRIBUTORS = ["human", "ai", "mixed", "unknown"];
const VCS = ["git", "jj", "hg", "svn"];

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

/** True for a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for a repository-relative path that stays inside the repository. */
function isSafeRelativePath(path: string): boolean {
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
        if (!isObject(r) || !isSaneRange(r.start_line, r.end_line)) {
          fail(
            at,
            `ranges need integer start_line and end_line, 1 ≤ start_line ≤ end_line ≤ ${MAX_LINE_NUMBER}`,
          );
        }
        if (r.content_hash !== undefined) checkString(r.content_hash, `${at} content_hash`, 512);
        if (r.contributor !== undefined) checkContributor(r.contributor, at);
      }
    }
  }
  return v as unknown as AgentTraceRecord;
}
