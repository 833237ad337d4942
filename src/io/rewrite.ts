/** Keeping notes true through history rewrites: re-anchoring ranges line by line, moving notes of lost commits. */
import type { ProducedLines } from "../core/attribution.ts";
import {
  type AgentTraceRecord,
  parseRecords,
  recordRanges,
  recordSession,
  serializeRecords,
} from "../core/agent_trace.ts";
import { bestByContent, isStale, reanchorRecords } from "../core/relocate.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { VERSION } from "../version.ts";
import { producedLines, textsBefore } from "./attribution.ts";
import { commitDiffs } from "./commits.ts";
import { git, splitLines } from "./git.ts";
import {
  catFileBatch,
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
import { localDir, sharedDir } from "./store.ts";

/** One note move that repair made or could not make. */
export interface Move {
  from: string;
  to: string | null;
  by: "patch-id" | "content" | null;
  sessions: string[];
  /** Lines of the old ranges not found again in the new commit. */
  lost: number;
}

/**
 * The lines to find each session's ranges again with: the session's recorded edits when it is in
 * the store (so a rewrite gives what `link` gives), else the text of its old ranges in the commits
 * they were made for.
 */
async function producedFor(
  repo: Repo,
  commit: string,
  records: AgentTraceRecord[],
): Promise<Map<string, ProducedLines[]>> {
  const out = new Map<string, ProducedLines[]>();
  const dirs = [localDir(repo), await sharedDir(repo)].filter((d): d is string => d !== null);
  const ids = new Set(
    records.map(recordSession).filter((id) => id !== null && isValidSessionId(id)),
  );
  for (const id of ids as Set<string>) {
    for (const dir of dirs) {
      const lines = await producedLines({ id, location: "local", dir }, new Set([commit]));
      if (lines.length) {
        out.set(id, lines);
        break;
      }
    }
  }
  const old = await oldRangeLines(repo, records.filter((r) => !out.has(recordSession(r) ?? "")));
  for (const [id, lines] of old) out.set(id, lines);
  return out;
}

/** The text of records' ranges in the revisions they were made for, per session (blobs read at once). */
async function oldRangeLines(
  repo: Repo,
  records: AgentTraceRecord[],
): Promise<Map<string, ProducedLines[]>> {
  const wanted = records.flatMap((record) => {
    const id = recordSession(record);
    const revision = record.vcs?.revision ?? "";
    if (!id || !/^[0-9a-f]{40,64}$/.test(revision)) return [];
    return recordRanges(record).filter((r) => !/[\n\r]/.test(r.path))
      .map((range) => ({ id, spec: `${revision}:${range.path}`, range }));
  });
  const out = new Map<string, ProducedLines[]>();
  if (!wanted.length) return out;
  const blobs = await catFileBatch(gitCwd(repo), [...new Set(wanted.map((w) => w.spec))]);
  for (const { id, spec, range } of wanted) {
    const text = blobs.get(spec);
    if (text === undefined) continue;
    const lines = text.split("\n").slice(range.start - 1, range.end);
    const produced: ProducedLines = { path: range.path, lines };
    if (range.toolCallIds[0]) produced.toolCallId = range.toolCallIds[0];
    out.set(id, [...out.get(id) ?? [], produced]);
  }
  return out;
}

/**
 * Re-anchors the range records attached to `commits` whose revision is another commit (notes copied
 * by amend, rebase or repair), line by line. Returns the number of old lines not found again.
 */
export async function relocateRecords(repo: Repo, commits: string[]): Promise<number> {
  const notes = await readNotes(repo, RANGES_REF, commits);
  const stale = commits.filter((c) => parseRecords(notes.get(c) ?? "").some((r) => isStale(r, c)));
  if (!stale.length) return 0;
  const diffs = await commitDiffs(repo, stale);
  let lost = 0;
  for (const commit of stale) {
    await withNotesLock(repo, async () => {
      const records = parseRecords(await readNote(repo, commit, RANGES_REF));
      const files = diffs.get(commit) ?? [];
      const result = reanchorRecords(
        commit,
        records,
        files,
        await producedFor(repo, commit, records.filter((r) => isStale(r, commit))),
        VERSION,
        { existing: await textsBefore(repo, commit, files) },
      );
      lost += result.lost;
      await writeNote(repo, commit, serializeRecords(result.records), RANGES_REF);
    });
  }
  return lost;
}

/**
 * After `from` was rewritten into `to` (an amend found in the reflog): copies `from`'s links and
 * records when git did not (no notes.rewriteRef), then re-anchors them line by line.
 */
export async function carryNotes(repo: Repo, from: string, to: string): Promise<void> {
  const [links, ranges] = await Promise.all([
    readNote(repo, from).then(parseLinkNote),
    readNote(repo, from, RANGES_REF).then(parseRecords),
  ]);
  if (!links.length && !ranges.length) return;
  await copyNotes(repo, to, links, ranges);
  await relocateRecords(repo, [to]);
}

/** Adds links and records to `to` (merged with what it has). */
async function copyNotes(repo: Repo, to: string, ids: string[], records: AgentTraceRecord[]) {
  await withNotesLock(repo, async () => {
    const current = parseLinkNote(await readNote(repo, to));
    const merged = [...new Set([...current, ...ids])];
    if (merged.length !== current.length) await writeNote(repo, to, linkNoteText(merged));
    if (!records.length) return;
    const existing = parseRecords(await readNote(repo, to, RANGES_REF));
    const known = new Set(existing.map((r) => r.id));
    const added = records.filter((r) => !known.has(r.id));
    if (added.length) {
      await writeNote(repo, to, serializeRecords([...existing, ...added]), RANGES_REF);
    }
  });
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
export async function lostCommits(repo: Repo): Promise<string[]> {
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
  ], { cwd: gitCwd(repo) });
  return await moveLost(repo, lost, splitLines(listed.stdout), dryRun);
}

/**
 * Moves the notes of each `lost` commit to the candidate holding the same patch (patch-id), else the
 * one holding most of its attributed lines; the notes are re-anchored there line by line.
 */
export async function moveLost(
  repo: Repo,
  lost: string[],
  candidates: string[],
  dryRun = false,
): Promise<Move[]> {
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
    const sessions = [
      ...new Set([...ids, ...records.map(recordSession).filter((s) => s !== null)]),
    ];
    let to = pids.has(from) ? byPid.get(pids.get(from)!) ?? null : null;
    let by: Move["by"] = to ? "patch-id" : null;
    if (!to) {
      const texts = [...(await oldRangeLines(repo, records)).values()].flat();
      to = bestByContent(texts, candidates, diffs);
      if (to) by = "content";
    }
    const move: Move = { from, to, by, sessions, lost: 0 };
    moves.push(move);
    if (!to || dryRun) continue;
    await copyNotes(repo, to, ids, records);
    move.lost = await relocateRecords(repo, [to]);
    await withNotesLock(repo, async () => {
      await writeNote(repo, from, "");
      await writeNote(repo, from, "", RANGES_REF);
    });
  }
  return moves;
}
