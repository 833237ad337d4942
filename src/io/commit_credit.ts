/** Crediting a new commit: to the session that made it, and to recent sessions whose edits it holds. */
import type { AttributedRange } from "../core/agent_trace.ts";
import { parseRecords, recordRanges, recordSession } from "../core/agent_trace.ts";
import { linkSession, recordFor, recordLines, textsBefore } from "./attribution.ts";
import { commitDiffs } from "./commits.ts";
import { statOrNull } from "./fs.ts";
import { addLink, parseLinkNote, putRecords, RANGES_REF, readNote } from "./notes.ts";
import type { Repo } from "./repo.ts";
import { listIds, localDir, readFileList, sessionPath, type SessionRef } from "./store.ts";

/** Sessions active this long before a commit may have left edits in it. */
const RECENT_MS = 24 * 3600 * 1000;
/** At most this many recent sessions are compared with a commit. */
const MAX_RECENT = 20;

/**
 * Credits `commit`: links `committer` (the session whose shell made it, if known) with its lines,
 * and every other recent local session whose recorded edits the commit holds, marked as committed
 * by a person. Edits recorded when HEAD was one of `after` (the commit or a later one) are not
 * looked for in it. Returns the ids credited.
 */
export async function creditCommit(
  repo: Repo,
  commit: string,
  committer: SessionRef | null,
  now: Date,
  after: Set<string> = new Set([commit]),
): Promise<string[]> {
  const recent = await recentSessions(repo, now);
  if (!committer && !recent.length) return [];
  const [diffs, linked, records] = await Promise.all([
    commitDiffs(repo, [commit]),
    readNote(repo, commit).then(parseLinkNote),
    readNote(repo, commit, RANGES_REF).then(parseRecords),
  ]);
  const files = diffs.get(commit) ?? [];
  const existing = await textsBefore(repo, commit, files);
  const credited: string[] = [];
  // A line is credited once: to the committer first, then to the most recent other session.
  const claimed = new Set<string>();
  const claim = (ranges: AttributedRange[]) => {
    for (const r of ranges) for (let n = r.start; n <= r.end; n++) claimed.add(`${r.path}:${n}`);
  };
  if (committer) {
    const linkedNow = await linkSession(repo, commit, committer, { diffs, existing, after });
    credited.push(committer.id);
    if (linkedNow.record) claim(recordRanges(linkedNow.record));
  }
  const paths = new Set(files.filter((f) => f.added.length).map((f) => f.path));
  if (!paths.size) return credited;
  const skip = new Set([...linked, ...credited]);
  claim(records.filter((r) => linked.includes(recordSession(r) ?? "")).flatMap(recordRanges));
  for (const ref of recent) {
    if (skip.has(ref.id) || !(await readFileList(ref)).some((f) => paths.has(f))) continue;
    const opts = { diffs, existing, after, claimed, committedBy: "person" as const };
    const record = await recordFor(repo, commit, ref, opts);
    if (!recordLines(record)) continue;
    await addLink(repo, commit, ref.id);
    await putRecords(repo, commit, [record!]);
    claim(recordRanges(record!));
    credited.push(ref.id);
  }
  return credited;
}

/** Local sessions active in the day before `now`, most recent first (by their timestamp file). */
export async function recentSessions(repo: Repo, now: Date): Promise<SessionRef[]> {
  const dir = localDir(repo);
  const found: { ref: SessionRef; at: number }[] = [];
  for (const id of await listIds(dir)) {
    const at = (await statOrNull(sessionPath(dir, id, ".timestamp")))?.mtime?.getTime() ?? 0;
    if (now.getTime() - at <= RECENT_MS) found.push({ ref: { id, location: "local", dir }, at });
  }
  return found.sort((a, b) => b.at - a.at).slice(0, MAX_RECENT).map((f) => f.ref);
}
