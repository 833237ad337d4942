/** The session store: `<common dir>/trace/sessions/` plus the optional shared directory. */
import { isAbsolute, join } from "node:path";
import { CommandError } from "../core/errors.ts";
import type { SessionMeta } from "../core/model.ts";
import { isValidSessionId, resolvePrefix } from "../core/session_id.ts";
import { parseMeta } from "../core/session_meta.ts";
import { readTextOrNull, statOrNull } from "./fs.ts";
import { git } from "./git.ts";
import { type Repo, traceDir } from "./repo.ts";

/** The files kept per session, by extension (the first three are the original tool's). */
export const EXTENSIONS = [".jsonl", ".files", ".timestamp", ".json", ".events.jsonl"] as const;

/** A file kind of a session. */
export type Ext = typeof EXTENSIONS[number];

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
  meta: SessionMeta | null;
}

/** The local store directory for a repository. */
export function localDir(repo: Repo): string {
  return join(traceDir(repo), "sessions");
}

/** The shared directory: `atrace.sharedir`, else `<root>/.agents/sessions` when `.agents/` exists. */
export async function sharedDir(repo: Repo): Promise<string | null> {
  if (repo.root === null) return null;
  const configured = await git(["config", "--get", "atrace.sharedir"], {
    cwd: repo.root,
    okCodes: [1],
  });
  const value = configured.stdout.trim();
  if (value) return isAbsolute(value) ? value : join(repo.root, value);
  const agents = await statOrNull(join(repo.root, ".agents"));
  return agents?.isDirectory ? join(repo.root, ".agents", "sessions") : null;
}

/** The path of one of a session's files. */
export function sessionPath(dir: string, id: string, ext: Ext): string {
  return join(dir, `${id}${ext}`);
}

/** Session ids present in `dir` (by any of their files), skipping temp files and foreign names. */
export function listIds(dir: string): Promise<Set<string>> {
  return Promise.resolve(idsIn(dir));
}

// Listing reads one small file per session; synchronous reads outside any async function are
// several times faster than thousands of awaited ones, which keeps `list` fast at 10,000 sessions.
function idsIn(dir: string): Set<string> {
  const ids = new Set<string>();
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (!entry.isFile) continue;
      const id = idOfFile(entry.name);
      if (id !== null) ids.add(id);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return ids;
}

function readSmall(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

function idOfFile(name: string): string | null {
  for (const ext of [".events.jsonl", ".jsonl", ".files", ".timestamp", ".json"]) {
    if (name.endsWith(ext)) {
      const id = name.slice(0, -ext.length);
      return isValidSessionId(id) ? id : null;
    }
  }
  return null;
}

/** Every session, local and shared merged (local wins), most recent first. */
export async function listSessions(repo: Repo): Promise<SessionSummary[]> {
  const local = localDir(repo);
  const shared = await sharedDir(repo);
  return summarizeAll(local, shared);
}

function summarizeAll(local: string, shared: string | null): SessionSummary[] {
  const localIds = idsIn(local);
  const sharedIds = shared ? idsIn(shared) : new Set<string>();
  const refs: SessionRef[] = [...localIds].map((id) => ({ id, location: "local", dir: local }));
  for (const id of sharedIds) {
    if (!localIds.has(id)) refs.push({ id, location: "shared", dir: shared! });
  }
  return refs.map((ref) => summarize(ref, sharedIds.has(ref.id))).sort(byRecency);
}

function byRecency(a: SessionSummary, b: SessionSummary): number {
  const ta = a.timestamp ?? "";
  const tb = b.timestamp ?? "";
  return ta === tb ? a.id.localeCompare(b.id) : tb.localeCompare(ta);
}

/** One read for sessions with metadata (it carries the time and file count); the original's files otherwise. */
function summarize(ref: SessionRef, shared: boolean): SessionSummary {
  const meta = parseMeta(readSmall(sessionPath(ref.dir, ref.id, ".json")));
  const summary = { ...ref, shared, meta };
  if (meta?.counts.files !== undefined) {
    return {
      ...summary,
      timestamp: meta.updatedAt.replace(/\.\d+Z$/, "Z"),
      files: meta.counts.files,
    };
  }
  const stamp = readSmall(sessionPath(ref.dir, ref.id, ".timestamp"))?.trim();
  const files = readSmall(sessionPath(ref.dir, ref.id, ".files"));
  return {
    ...summary,
    timestamp: stamp || (meta ? meta.updatedAt.replace(/\.\d+Z$/, "Z") : null),
    files: files ? parseFileList(files).length : 0,
  };
}

/** The `.files` lists of many sessions, read in one pass. */
export function readFileLists(refs: SessionRef[]): string[][] {
  return refs.map((ref) => parseFileList(readSmall(sessionPath(ref.dir, ref.id, ".files")) ?? ""));
}

/** The lines of a `.files` file. */
export function parseFileList(text: string): string[] {
  return text.split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l !== "");
}

/** Finds the session a user-typed id or prefix names; local before shared. */
export async function resolveSession(repo: Repo, prefix: string): Promise<SessionRef> {
  const local = localDir(repo);
  const shared = await sharedDir(repo);
  const [localIds, sharedIds] = await Promise.all([
    listIds(local),
    shared ? listIds(shared) : Promise.resolve(new Set<string>()),
  ]);
  const id = resolvePrefix(prefix, [...localIds, ...sharedIds]);
  if (localIds.has(id)) return { id, location: "local", dir: local };
  if (shared && sharedIds.has(id)) return { id, location: "shared", dir: shared };
  throw new CommandError(`no session matches '${prefix}'`);
}

/** A session's files list (repo-relative paths, first-seen order). */
export async function readFileList(ref: SessionRef): Promise<string[]> {
  const text = await readTextOrNull(sessionPath(ref.dir, ref.id, ".files"));
  return text ? parseFileList(text) : [];
}

/** A session's metadata, or null for sessions written by the original tool. */
export async function readMeta(ref: SessionRef): Promise<SessionMeta | null> {
  return parseMeta(await readTextOrNull(sessionPath(ref.dir, ref.id, ".json")));
}
