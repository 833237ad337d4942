/** The session store: `<common dir>/trace/sessions/` plus the optional shared directory. */
import { dirname, isAbsolute, join } from "node:path";
import { SessionNotFound } from "../core/errors.ts";
import type { SessionMeta } from "../core/model.ts";
import { resolvePrefix } from "../core/session_id.ts";
import { parseMeta } from "../core/session_meta.ts";
import { lstatOrNull } from "./fs.ts";
import { git } from "./git.ts";
import { type Repo, traceDir } from "./repo.ts";
import { MAX_SMALL_FILE, readBoundedText, refuseLinked } from "./safe_path.ts";
import { idsIn, type IndexEntry, parseFileList, scanDirs, spooledIds } from "./session_index.ts";

export { parseFileList };

/**
 * The files kept per session, by extension (the first three are the original tool's). Ours never
 * end in `.jsonl`, `.files` or `.timestamp`: the original tool finds a session by `<prefix>*.jsonl`.
 */
export const EXTENSIONS = [".jsonl", ".files", ".timestamp", ".json", ".events"] as const;
/** The event log's name before it was renamed to `.events`: still read, migrated on write. */
export const LEGACY_EVENTS = ".events.jsonl";
/** Events that hooks could not record under the lock, waiting to be merged (local store only). */
export const SPOOL = ".spool";
/** A spool being merged (renamed from `.spool` by the lock holder). */
export const MERGING = ".spool.merging";
/** Every file a session may have, for removing it whole. */
export const ALL_EXTENSIONS = [...EXTENSIONS, LEGACY_EVENTS, SPOOL, MERGING] as const;

/** A file kind of a session. */
export type Ext = typeof EXTENSIONS[number];
/** A file kind of a session, including the legacy event log, the lock and the spool. */
export type AnyExt = Ext | typeof LEGACY_EVENTS | typeof SPOOL | typeof MERGING;

/** Where a session's files live. */
export type Location = "local" | "shared";

/** A session found in one location. */
export interface SessionRef {
  id: string;
  location: Location;
  dir: string;
}

/** What `list` needs to know of a session. */
export interface SessionSummary extends SessionRef {
  /** True when a shared copy exists as well as this local one. */
  shared: boolean;
  timestamp: string | null;
  files: number;
  /** The `.files` paths. */
  fileList: string[];
  meta: SessionMeta | null;
}

/** The local store directory for a repository. */
export function localDir(repo: Repo): string {
  return join(traceDir(repo), "sessions");
}

/**
 * The shared directory: `atrace.sharedir`, else `<root>/.agents/sessions` when `.agents/` exists.
 * A directory reached through a symbolic link (a cloned repository may commit one) is refused.
 */
export async function sharedDir(repo: Repo): Promise<string | null> {
  if (repo.root === null) return null;
  const configured = await git(["config", "--get", "atrace.sharedir"], {
    cwd: repo.root,
    okCodes: [1],
  });
  const value = configured.stdout.trim();
  if (value) {
    return await refuseLinked(repo.root, isAbsolute(value) ? value : join(repo.root, value));
  }
  const agents = await lstatOrNull(join(repo.root, ".agents"));
  if (agents?.isSymlink) await refuseLinked(repo.root, join(repo.root, ".agents"));
  return agents?.isDirectory
    ? await refuseLinked(repo.root, join(repo.root, ".agents", "sessions"))
    : null;
}

/** The kernel lock of a local session, `<trace>/locks/<id>.lock` (kept out of the sessions directory). */
export function lockPath(dir: string, id: string): string {
  return join(dirname(dir), "locks", `${id}.lock`);
}

/** The path of one of a session's files. */
export function sessionPath(dir: string, id: string, ext: AnyExt): string {
  return join(dir, `${id}${ext}`);
}

/** The session's event log: `<id>.events`, or `<id>.events.jsonl` in an older store or share. */
export async function eventsPath(ref: SessionRef): Promise<string> {
  const current = sessionPath(ref.dir, ref.id, ".events");
  if (await lstatOrNull(current)) return current;
  const legacy = sessionPath(ref.dir, ref.id, LEGACY_EVENTS);
  return (await lstatOrNull(legacy)) ? legacy : current;
}

/** Session ids present in `dir` (by any of their files), skipping temp files and foreign names. */
export function listIds(dir: string): Promise<Set<string>> {
  return Promise.resolve(idsIn(dir));
}

/**
 * Merges events that hooks spooled (see spool.ts) into their sessions where their locks are free,
 * so that what hooks out of time left behind shows up.
 */
async function mergeSpools(repo: Repo): Promise<void> {
  if (repo.root === null) return;
  const dir = localDir(repo);
  const ids = spooledIds(dir);
  if (!ids.length) return;
  // Imported here: writing pulls in the agents, which reading a listing does not need otherwise.
  const { mergePending } = await import("./session_write.ts");
  await mergePending(repo.root, dir, ids).catch(() => {});
}

/** Every session, local and shared merged (local wins), most recent first. */
export async function listSessions(repo: Repo): Promise<SessionSummary[]> {
  const local = localDir(repo);
  await mergeSpools(repo);
  const shared = await sharedDir(repo);
  return summarizeAll(local, shared, join(traceDir(repo), "sessions.index.json"));
}

/** The local sessions only (a refused share directory does not hide them), most recent first. */
export async function listLocalSessions(repo: Repo): Promise<SessionSummary[]> {
  await mergeSpools(repo);
  return summarizeAll(localDir(repo), null, join(traceDir(repo), "sessions.index.json"));
}

function summarizeAll(local: string, shared: string | null, indexPath: string): SessionSummary[] {
  const scanned = scanDirs(shared ? [local, shared] : [local], indexPath);
  const localEntries = scanned.get(local)!;
  const sharedEntries = shared ? scanned.get(shared)! : new Map<string, IndexEntry>();
  const rows: SessionSummary[] = [];
  for (const [id, entry] of localEntries) {
    rows.push(summaryOf({ id, location: "local", dir: local }, entry, sharedEntries.has(id)));
  }
  for (const [id, entry] of sharedEntries) {
    if (!localEntries.has(id)) {
      rows.push(summaryOf({ id, location: "shared", dir: shared! }, entry, true));
    }
  }
  return rows.sort(byRecency);
}

function summaryOf(ref: SessionRef, entry: IndexEntry, shared: boolean): SessionSummary {
  return {
    ...ref,
    shared,
    timestamp: entry.timestamp,
    files: entry.files.length,
    fileList: entry.files,
    meta: entry.meta,
  };
}

function byRecency(a: SessionSummary, b: SessionSummary): number {
  const ta = a.timestamp ?? "";
  const tb = b.timestamp ?? "";
  return ta === tb ? a.id.localeCompare(b.id) : tb.localeCompare(ta);
}

/** Finds the session a user-typed id or prefix names; local before shared. */
export async function resolveSession(repo: Repo, prefix: string): Promise<SessionRef> {
  const local = localDir(repo);
  await mergeSpools(repo);
  const shared = await sharedDir(repo);
  const [localIds, sharedIds] = await Promise.all([
    listIds(local),
    shared ? listIds(shared) : Promise.resolve(new Set<string>()),
  ]);
  const id = resolvePrefix(prefix, [...localIds, ...sharedIds]);
  if (localIds.has(id)) return { id, location: "local", dir: local };
  if (shared && sharedIds.has(id)) return { id, location: "shared", dir: shared };
  throw new SessionNotFound(prefix);
}

/** A session's files list (repo-relative paths, first-seen order). */
export async function readFileList(ref: SessionRef): Promise<string[]> {
  const text = await readBoundedText(sessionPath(ref.dir, ref.id, ".files"), MAX_SMALL_FILE);
  return text ? parseFileList(text) : [];
}

/** A session's metadata, or null for sessions written by the original tool. */
export async function readMeta(ref: SessionRef): Promise<SessionMeta | null> {
  return parseMeta(await readBoundedText(sessionPath(ref.dir, ref.id, ".json"), MAX_SMALL_FILE));
}
