/** Crediting a new commit: to the session that made it, and to recent sessions whose edits it holds. */
import { linkSession, recordFor, recordLines } from "./attribution.ts";
import { commitDiffs } from "./commits.ts";
import { statOrNull } from "./fs.ts";
import { addLink, parseLinkNote, putRecords, readNote } from "./notes.ts";
import type { Repo } from "./repo.ts";
import { listIds, localDir, readFileList, sessionPath, type SessionRef } from "./store.ts";

/** Sessions active this long before a commit may have left edits in it. */
const RECENT_MS = 24 * 3600 * 1000;
/** At most this many recent sessions are compared with a commit. */
const MAX_RECENT = 20;

/**
 * Credits `commit`: links `committer` (the session whose shell made it, if known) with its lines,
 * and every other recent local session whose recorded edits the commit holds, marked as committed
 * by a person. Returns the ids credited.
 */
export async function creditCommit(
  repo: Repo,
  commit: string,
  committer: SessionRef | null,
  now: Date,
): Promise<string[]> {
  const recent = await recentSessions(repo, now);
  if (!committer && !recent.length) return [];
  const [diffs, linked] = await Promise.all([
    commitDiffs(repo, [commit]),
    readNote(repo, commit).then(parseLinkNote),
  ]);
  const credited: string[] = [];
  if (committer) {
    await linkSession(repo, commit, committer, { diffs });
    credited.push(committer.id);
  }
  const paths = new Set((diffs.get(commit) ?? []).filter((f) => f.added.length).map((f) => f.path));
  if (!paths.size) return credited;
  const skip = new Set([...linked, ...credited]);
  for (const ref of recent) {
    if (skip.has(ref.id) || !(await readFileList(ref)).some((f) => paths.has(f))) continue;
    const record = await recordFor(repo, commit, ref, { diffs, committedBy: "person" });
    if (!recordLines(record)) continue;
    await addLink(repo, commit, ref.id);
    await putRecords(repo, commit, [record!]);
    credited.push(ref.id);
  }
  return credited;
}

/** Local sessions active in the day before `now`, most recent first (by their timestamp file). */
async function recentSessions(repo: Repo, now: Date): Promise<SessionRef[]> {
  const dir = localDir(repo);
  const found: { ref: SessionRef; at: number }[] = [];
  for (const id of await listIds(dir)) {
    const at = (await statOrNull(sessionPath(dir, id, ".timestamp")))?.mtime?.getTime() ?? 0;
    if (now.getTime() - at <= RECENT_MS) found.push({ ref: { id, location: "local", dir }, at });
  }
  return found.sort((a, b) => b.at - a.at).slice(0, MAX_RECENT).map((f) => f.ref);
}
