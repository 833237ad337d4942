/** Finding sessions that `gc` may prune (local, unshared, unlinked, old) and pruning them safely. */
import { recordSession } from "../core/agent_trace.ts";
import { removeIfExists, statOrNull } from "./fs.ts";
import { withLock } from "./lock.ts";
import { readLinks, readRanges } from "./notes.ts";
import type { Repo } from "./repo.ts";
import { ALL_EXTENSIONS, listIds, localDir, lockPath, sessionPath, sharedDir } from "./store.ts";

/** One local session as gc sees it. */
export interface GcSession {
  id: string;
  bytes: number;
  /** Last activity (newest file modification), ms since the epoch. */
  mtime: number;
  paths: string[];
  keep: "shared" | "linked" | null;
}

/** Every local session with its size, age and whether it must be kept. */
export async function gcSessions(repo: Repo): Promise<GcSession[]> {
  const local = localDir(repo);
  const shared = await sharedDir(repo);
  const [ids, sharedIds, links, ranges] = await Promise.all([
    listIds(local),
    shared ? listIds(shared) : Promise.resolve(new Set<string>()),
    readLinks(repo),
    readRanges(repo),
  ]);
  const linked = new Set([...links.values()].flat());
  for (const list of ranges.values()) {
    for (const record of list) {
      const id = recordSession(record);
      if (id) linked.add(id);
    }
  }
  const out: GcSession[] = [];
  for (const id of [...ids].sort()) {
    const keep = sharedIds.has(id) ? "shared" : linked.has(id) ? "linked" : null;
    out.push({ id, ...(await sessionFiles(local, id)), keep });
  }
  return out;
}

async function sessionFiles(dir: string, id: string) {
  let bytes = 0;
  let mtime = 0;
  const paths: string[] = [];
  for (const ext of ALL_EXTENSIONS) {
    const path = sessionPath(dir, id, ext);
    const info = await statOrNull(path);
    if (!info?.isFile) continue;
    paths.push(path);
    bytes += info.size;
    mtime = Math.max(mtime, info.mtime?.getTime() ?? 0);
  }
  return { bytes, mtime, paths };
}

/**
 * Removes a local session's files under its capture lock, unless a hook wrote to it after `cutoff`
 * (ms since the epoch) meanwhile; false when it was kept.
 */
export async function pruneSession(repo: Repo, id: string, cutoff: number): Promise<boolean> {
  const dir = localDir(repo);
  const lock = lockPath(dir, id);
  return await withLock(lock, async () => {
    const now = await sessionFiles(dir, id);
    if (now.mtime > cutoff) return false;
    for (const path of now.paths) await removeIfExists(path);
    await removeIfExists(lock);
    return true;
  });
}
