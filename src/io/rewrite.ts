/** Keeping notes true through history rewrites: relocating ranges, and moving notes of lost commits. */
import { relocate } from "../core/attribution.ts";
import {
  type AgentTraceRecord,
  parseRecords,
  recordRanges,
  recordSession,
  serializeRecords,
} from "../core/agent_trace.ts";
import { bestByContent, relocateRecordsIn } from "../core/relocate.ts";
import { VERSION } from "../version.ts";
import { commitDiffs } from "./commits.ts";
import { git, splitLines } from "./git.ts";
import {
  linkNoteText,
  LINKS_REF,
  parseLinkNote,
  RANGES_REF,
  readNote,
  readNotes,
  withNotesLock,
  writeNote,
} from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** One note move that repair made or could not make. */
export interface Move {
  from: string;
  to: string | null;
  by: "patch-id" | "content" | null;
  sessions: string[];
  lost: number;
}

/**
 * Rewrites the range records attached to `commits` whose revision is another commit (notes copied
 * by amend, rebase or repair): ranges are found again in the commit's diff by content hash, merged
 * per session. Returns the number of ranges that could not be found.
 */
export async function relocateRecords(repo: Repo, commits: string[]): Promise<number> {
  const notes = await readNotes(repo, RANGES_REF, commits);
  const stale = commits.filter((c) => {
    const text = notes.get(c);
    return text !== undefined && text.split("\n").some((l) => l.trim() && !l.includes(c));
  });
  if (!stale.length) return 0;
  const diffs = await commitDiffs(repo, stale);
  let lost = 0;
  for (const commit of stale) {
    await withNotesLock(repo, async () => {
      const { records, missing } = relocateRecordsIn(
        commit,
        parseRecords(await readNote(repo, commit, RANGES_REF)),
        diffs.get(commit) ?? [],
        VERSION,
      );
      lost += missing;
      await writeNote(repo, commit, serializeRecords(records), RANGES_REF);
    });
  }
  return lost;
}

/** Rewrites the link notes of `commits` that hold duplicate or blank lines (concatenated by git). */
export async function normalizeLinks(repo: Repo, commits: string[]): Promise<void> {
  const notes = await readNotes(repo, LINKS_REF, commits);
  for (const commit of commits) {
    const text = notes.get(commit);
    if (text === undefined || linkNoteText(parseLinkNote(text)) === text) continue;
    await withNotesLock(repo, async () => {
      await writeNote(repo, commit, linkNoteText(parseLinkNote(await readNote(repo, commit))));
    });
  }
}

/** Commits with notes that no branch, tag or remote-tracking ref reaches any more. */
async function lostCommits(repo: Repo): Promise<string[]> {
  const cwd = gitCwd(repo);
  const [links, ranges] = await Promise.all([
    git(["notes", `--ref=${LINKS_REF}`, "list"], { cwd, okCodes: [1] }),
    git(["notes", `--ref=${RANGES_REF}`, "list"], { cwd, okCodes: [1] }),
  ]);
  const noted = new Set(
    [...splitLines(links.stdout), ...splitLines(ranges.stdout)].map((l) => l.split(" ")[1]!),
  );
  if (!noted.size) return [];
  const out = await git([
    "rev-list",
    "--ignore-missing",
    "--stdin",
    "--not",
    "--branches",
    "--tags",
    "--remotes",
  ], { cwd, stdin: [...noted].join("\n") + "\n" });
  return splitLines(out.stdout).filter((c) => noted.has(c));
}

/** Patch ids (`git patch-id --stable`) of commits: commit → patch id. */
async function patchIds(repo: Repo, commits: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!commits.length) return ids;
  const cwd = gitCwd(repo);
  const patches = await git(
    [
      "log",
      "--no-show-signature",
      "--no-walk=unsorted",
      "--stdin",
      "-p",
      "--root",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--format=commit %H",
    ],
    { cwd, stdin: commits.join("\n") + "\n" },
  );
  const out = await git(["patch-id", "--stable"], { cwd, stdin: patches.stdout });
  for (const line of splitLines(out.stdout)) {
    const [pid, commit] = line.split(" ");
    if (pid && commit) ids.set(commit, pid);
  }
  return ids;
}

/** Moves the notes of lost commits to the commits in `range` that now hold their changes. */
export async function repairNotes(repo: Repo, range: string, dryRun = false): Promise<Move[]> {
  const cwd = gitCwd(repo);
  const lost = await lostCommits(repo);
  if (!lost.length) return [];
  const listed = await git([
    "rev-list",
    "--no-merges",
    "-n",
    "2000",
    "--end-of-options",
    range,
    "--",
  ], { cwd });
  const candidates = splitLines(listed.stdout);
  const [pids, diffs, linkNotes, rangeNotes] = await Promise.all([
    patchIds(repo, [...lost, ...candidates]),
    commitDiffs(repo, candidates),
    readNotes(repo, LINKS_REF, lost),
    readNotes(repo, RANGES_REF, lost),
  ]);
  const byPid = new Map<string, string>();
  for (const c of candidates) if (pids.has(c)) byPid.set(pids.get(c)!, c);
  const moves: Move[] = [];
  for (const from of lost) {
    const ids = parseLinkNote(linkNotes.get(from) ?? "");
    const records = parseRecords(rangeNotes.get(from) ?? "");
    const ranges = records.flatMap(recordRanges);
    const sessions = [
      ...new Set([...ids, ...records.map(recordSession).filter((s) => s !== null)]),
    ];
    let to = pids.has(from) ? byPid.get(pids.get(from)!) ?? null : null;
    let by: Move["by"] = to ? "patch-id" : null;
    if (!to) {
      to = bestByContent(ranges, candidates, diffs);
      if (to) by = "content";
    }
    const missing = to ? relocate(ranges, diffs.get(to) ?? []).lost.length : 0;
    moves.push({ from, to, by, sessions, lost: missing });
    if (to && !dryRun) await moveNotes(repo, from, to, ids, records, missing === 0);
  }
  return moves;
}

/** Copies the links and records of `from` to `to`, re-points the ranges, and drops the old notes. */
async function moveNotes(
  repo: Repo,
  from: string,
  to: string,
  ids: string[],
  records: AgentTraceRecord[],
  dropOld: boolean,
): Promise<void> {
  await withNotesLock(repo, async () => {
    const merged = [...new Set([...parseLinkNote(await readNote(repo, to)), ...ids])];
    if (merged.length) await writeNote(repo, to, linkNoteText(merged));
  });
  if (records.length) {
    await withNotesLock(repo, async () => {
      const existing = parseRecords(await readNote(repo, to, RANGES_REF));
      await writeNote(repo, to, serializeRecords([...existing, ...records]), RANGES_REF);
    });
    await relocateRecords(repo, [to]);
  }
  if (!dropOld) return;
  await withNotesLock(repo, async () => {
    await writeNote(repo, from, "");
    await writeNote(repo, from, "", RANGES_REF);
  });
}
