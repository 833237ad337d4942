/** Gathering a session's or a commit's Agent Trace records for `export`. */
import { isAbsolute, join } from "node:path";
import { ADAPTERS } from "../agents/registry.ts";
import { type AgentTraceRecord, latestPerSession, recordSession } from "../core/agent_trace.ts";
import {
  decorateRecord,
  recordFromEvents,
  type SessionDetails,
  sessionDetails,
} from "../core/export_trace.ts";
import {
  legacyCommitRecords,
  legacyHeadRecord,
  type LegacySession,
} from "../core/legacy_export.ts";
import { redactValue } from "../core/redact/apply.ts";
import type { Detector } from "../core/redact/detect.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { VERSION } from "../version.ts";
import { recordFor } from "./attribution.ts";
import { commitDiffs } from "./commits.ts";
import { readTextOrNull, statOrNull } from "./fs.ts";
import { git } from "./git.ts";
import { readHead } from "./line_reader.ts";
import { readLinks, readRanges } from "./notes.ts";
import { checkedRecords } from "./range_files.ts";
import { MAX_SMALL_FILE, readBoundedText } from "./safe_path.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { readFileList, readMeta, resolveSession, sessionPath, type SessionRef } from "./store.ts";
import { readEvents, readImportedRecords, readMessages } from "./transcript_read.ts";

function inRepo(path: string): boolean {
  return !isAbsolute(path) && !path.startsWith("../") && path !== "..";
}

async function details(ref: SessionRef | null, id: string): Promise<SessionDetails> {
  return sessionDetails(id, ref ? await readMeta(ref) : null);
}

/** The session's records: its commits' attribution, then imported records, else its own edits. */
export async function sessionRecords(repo: Repo, ref: SessionRef): Promise<AgentTraceRecord[]> {
  const [ranges, links, imported] = await Promise.all([
    readRanges(repo),
    readLinks(repo),
    readImportedRecords(sessionPath(ref.dir, ref.id, ".jsonl")),
  ]);
  const records: AgentTraceRecord[] = [];
  const covered = new Set<string>();
  for (const [commit, list] of ranges) {
    for (const record of latestPerSession(list)) {
      if (recordSession(record) !== ref.id) continue;
      records.push(record);
      covered.add(commit);
    }
  }
  for (const [commit, ids] of links) {
    if (!ids.includes(ref.id) || covered.has(commit)) continue;
    const record = await recordFor(repo, commit, ref).catch(() => null);
    if (record) records.push(record);
  }
  // Imported records are kept verbatim in the transcript: they win over their notes copy.
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const record of imported) byId.set(record.id, record);
  records.splice(0, records.length, ...byId.values());
  if (!records.length) {
    const [meta, events] = await Promise.all([readMeta(ref), readEvents(ref)]);
    const linked = [...links].filter(([, ids]) => ids.includes(ref.id)).map(([sha]) => sha);
    // A session the original tool wrote has no metadata and no events: its files, time and links.
    if (!meta && !events.length) records.push(...await legacyRecords(repo, ref, linked));
    if (!records.length) {
      records.push(
        recordFromEvents({ sessionId: ref.id, meta, events, toolVersion: VERSION, inRepo }),
      );
    }
  }
  const d = await details(ref, ref.id);
  return sortRecords(await checkedRecords(repo, records)).map((r) => decorateRecord(r, d));
}

/** The records attributing lines of `commit` (stored ones, else computed for linked sessions). */
export async function commitRecords(repo: Repo, commit: string): Promise<AgentTraceRecord[]> {
  const [ranges, links] = await Promise.all([readRanges(repo), readLinks(repo)]);
  const records = latestPerSession(ranges.get(commit) ?? []);
  const have = new Set(records.map(recordSession));
  for (const id of links.get(commit) ?? []) {
    if (have.has(id) || !isValidSessionId(id)) continue;
    const ref = await resolveSession(repo, id).catch(() => null);
    if (!ref || ref.id !== id) continue;
    const record = await recordFor(repo, commit, ref).catch(() => null);
    if (record) records.push(record);
  }
  const out: AgentTraceRecord[] = [];
  for (const record of sortRecords(await checkedRecords(repo, records))) {
    const id = recordSession(record);
    const ref = id && isValidSessionId(id)
      ? await resolveSession(repo, id).catch(() => null)
      : null;
    out.push(decorateRecord(record, id ? await details(ref?.id === id ? ref : null, id) : null));
  }
  return out;
}

function sortRecords(records: AgentTraceRecord[]): AgentTraceRecord[] {
  return [...records].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id.localeCompare(b.id)
  );
}

/**
 * Redacts what a record says in words: metadata, tool, and the files' paths and conversation urls
 * (an imported record's url may carry a token); the version, id, timestamp and commit stay.
 */
export async function redactRecords(
  records: AgentTraceRecord[],
  detector: Detector,
): Promise<AgentTraceRecord[]> {
  const out: AgentTraceRecord[] = [];
  for (const record of records) {
    const { metadata, tool, files } = record;
    const redacted = (await redactValue({ metadata, tool, files }, detector)).value;
    for (const c of redacted.files.flatMap((f) => f.conversations)) {
      if (c.url) c.url = uriSafe(c.url);
      for (const r of c.related ?? []) r.url = uriSafe(r.url);
    }
    const copy: AgentTraceRecord = { ...structuredClone(record), files: redacted.files };
    if (redacted.metadata) copy.metadata = redacted.metadata;
    if (redacted.tool) copy.tool = redacted.tool;
    out.push(copy);
  }
  return out;
}

/** A redacted url stays a valid URI: the marker's brackets percent-encoded. */
function uriSafe(url: string): string {
  return url.replace(/\[REDACTED:([a-z0-9-]+)\]/g, "%5BREDACTED:$1%5D");
}

const TRANSCRIPT_HEAD = 64 * 1024;
const MODEL_SEARCH = 500;
const MAX_FILE = 8 * 1024 * 1024;

/** Records of an original-tool session: per linked commit, else its files whole at HEAD (as it exported). */
async function legacyRecords(
  repo: Repo,
  ref: SessionRef,
  linked: string[],
): Promise<AgentTraceRecord[]> {
  const [files, stamp, head] = await Promise.all([
    readFileList(ref),
    readBoundedText(sessionPath(ref.dir, ref.id, ".timestamp"), MAX_SMALL_FILE),
    readHead(sessionPath(ref.dir, ref.id, ".jsonl"), TRANSCRIPT_HEAD).catch(() => ""),
  ]);
  const adapter = ADAPTERS.find((a) => a.looksLikeTranscript?.(head));
  const session: LegacySession = {
    id: ref.id,
    files: files.filter(inRepo),
    timestamp: isoFromLegacy(stamp) ?? new Date().toISOString(),
    agent: adapter?.name ?? "unknown",
  };
  if (adapter) {
    let seen = 0;
    for await (const m of readMessages(ref, adapter, { skipped: 0 })) {
      if (m.kind === "text" && m.model) session.model = m.model;
      if (session.model || ++seen > MODEL_SEARCH) break;
    }
  }
  if (linked.length) return legacyCommitRecords(session, await commitDiffs(repo, linked), VERSION);
  const cwd = gitCwd(repo);
  const sha = (await git(["rev-parse", "--verify", "-q", "HEAD"], { cwd, okCodes: [1, 128] }))
    .stdout.trim();
  if (!sha || repo.root === null) return [];
  const contents = new Map<string, string>();
  for (const path of session.files) {
    const full = join(repo.root, path);
    const info = await statOrNull(full);
    if (!info?.isFile || info.size > MAX_FILE) continue;
    const text = await readTextOrNull(full);
    if (text !== null) contents.set(path, text);
  }
  return contents.size ? [legacyHeadRecord(session, sha, contents, VERSION)] : [];
}

/** `YYYY-MM-DDTHH:MM:SSZ` (the original's `.timestamp`) as ISO 8601, or null. */
function isoFromLegacy(text: string | null): string | null {
  const stamp = text?.trim() ?? "";
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(stamp)) return null;
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
