/**
 * Session summaries per store directory, cached in `<trace>/sessions.index.json` and keyed on the
 * directory's mtime: every write to a session (atomic rename, creation, removal) changes it.
 */
import { basename, dirname, join } from "node:path";
import type { SessionMeta } from "../core/model.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { parseMeta } from "../core/session_meta.ts";
import { PRIVATE_DIR, PRIVATE_FILE } from "./fs.ts";
import { MAX_WHOLE_FILE, readSmallSync } from "./safe_path.ts";

/** What listing needs of one session. */
export interface IndexEntry {
  timestamp: string | null;
  files: string[];
  meta: SessionMeta | null;
}

interface IndexFile {
  version: 1;
  dirs: Record<string, { mtime: number; entries: Record<string, IndexEntry> }>;
}

/** A directory changed this recently is rebuilt but not cached: a change within the same millisecond would not show. */
const QUIET_MS = 2000;

/** Session ids in `dir` (by any of their files), skipping temp files and foreign names. */
export function idsIn(dir: string): Set<string> {
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

/** Sessions of the local store `dir` with spooled events waiting (`<id>.spool`, `<id>.spool.merging`). */
export function spooledIds(dir: string): string[] {
  const ids = new Set<string>();
  try {
    for (const entry of Deno.readDirSync(dir)) {
      const id = entry.isFile && /^(.*)\.spool(?:\.merging)?$/.exec(entry.name)?.[1];
      if (id && isValidSessionId(id)) ids.add(id);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return [...ids];
}

/** The extensions that name a session's files, longest first (`.events.jsonl` before `.jsonl`). */
const ID_EXTENSIONS = [".events.jsonl", ".jsonl", ".files", ".timestamp", ".json", ".events"];

function idOfFile(name: string): string | null {
  for (const ext of ID_EXTENSIONS) {
    if (name.endsWith(ext)) {
      const id = name.slice(0, -ext.length);
      return isValidSessionId(id) ? id : null;
    }
  }
  return null;
}

/** The lines of a `.files` file. */
export function parseFileList(text: string): string[] {
  return text.split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l !== "");
}

// Listing reads small files for thousands of sessions; synchronous reads outside any async function
// are several times faster than awaited ones, which keeps `list` fast at 10,000 sessions. A file
// that is a symlink, a device or huge (a hostile clone may commit one) counts as missing.
function entryOf(dir: string, id: string): IndexEntry {
  const meta = parseMeta(readSmallSync(join(dir, `${id}.json`)));
  const stamp = readSmallSync(join(dir, `${id}.timestamp`))?.trim();
  return {
    timestamp: stamp || (meta ? meta.updatedAt.replace(/\.\d+Z$/, "Z") : null),
    files: parseFileList(readSmallSync(join(dir, `${id}.files`)) ?? ""),
    meta,
  };
}

function loadIndex(path: string): IndexFile {
  try {
    const value = JSON.parse(readSmallSync(path, MAX_WHOLE_FILE) ?? "");
    if (value?.version === 1 && value.dirs && typeof value.dirs === "object") return value;
  } catch {
    // A missing or damaged index is rebuilt.
  }
  return { version: 1, dirs: {} };
}

function saveIndex(path: string, index: IndexFile): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${crypto.randomUUID().slice(0, 8)}`);
  try {
    Deno.mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR });
    Deno.writeTextFileSync(tmp, JSON.stringify(index), { mode: PRIVATE_FILE });
    Deno.renameSync(tmp, path);
  } catch {
    // The index is only a cache (a read-only repository simply goes without it).
    try {
      Deno.removeSync(tmp);
    } catch { /* never written */ }
  }
}

/** Every session of each directory, from the index where the directory is unchanged. */
export function scanDirs(dirs: string[], indexPath: string): Map<string, Map<string, IndexEntry>> {
  const index = loadIndex(indexPath);
  const result = new Map<string, Map<string, IndexEntry>>();
  let dirty = false;
  for (const dir of dirs) {
    let mtime: number | undefined;
    try {
      mtime = Deno.statSync(dir).mtime?.getTime();
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      result.set(dir, new Map());
      continue;
    }
    const cached = index.dirs[dir];
    if (cached && mtime !== undefined && cached.mtime === mtime) {
      result.set(dir, new Map(Object.entries(cached.entries)));
      continue;
    }
    const entries = new Map([...idsIn(dir)].map((id) => [id, entryOf(dir, id)] as const));
    result.set(dir, entries);
    if (mtime !== undefined && Date.now() - mtime > QUIET_MS) {
      index.dirs[dir] = { mtime, entries: Object.fromEntries(entries) };
      dirty = true;
    }
  }
  if (dirty) saveIndex(indexPath, index);
  return result;
}
