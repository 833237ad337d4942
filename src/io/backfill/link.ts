/** Linking imported sessions to the commits that hold their lines: one `git log` for the candidates,
 * one for their diffs, the same line matching as `link`, and one notes commit per ref. */
import {
  type AgentTraceRecord,
  buildRecord,
  parseRecords,
  recordSession,
  serializeRecords,
} from "../../core/agent_trace.ts";
import { attribute, indexProduced, type ProducedLines } from "../../core/attribution.ts";
import {
  candidatesFor,
  logWindow,
  parseTouches,
  type SessionSpan,
  TOUCH_FORMAT,
} from "../../core/backfill/candidates.ts";
import type { AgentName } from "../../core/model.ts";
import { VERSION } from "../../version.ts";
import { commitDiffs } from "../commits.ts";
import { gitRaw } from "../git.ts";
import {
  linkNoteText,
  LINKS_REF,
  parseLinkNote,
  RANGES_REF,
  readNotes,
  withNotesLock,
} from "../notes.ts";
import { gitCwd, type Repo } from "../repo.ts";
import { writeNotes } from "./notes_write.ts";

/** A session ready to be linked. */
export interface Linkable extends SessionSpan {
  id: string;
  agent: AgentName;
  model?: string;
  produced: ProducedLines[];
}

/** One (commit, session) pair whose lines matched. */
export interface PlannedLink {
  commit: string;
  /** Committer time, epoch seconds. */
  time: number;
  sessionId: string;
  lines: number;
  record: AgentTraceRecord;
}

/** The links the sessions' lines call for (nothing is written). */
export async function planLinks(repo: Repo, sessions: Linkable[]): Promise<PlannedLink[]> {
  const withLines = sessions.filter((s) => s.produced.length && s.paths.size);
  const window = logWindow(withLines);
  if (!window) return [];
  const touches = parseTouches(
    (await gitRaw([
      "-c",
      "core.quotePath=false",
      "log",
      "--no-show-signature",
      "--no-renames",
      "--name-only",
      "-z",
      `--format=${TOUCH_FORMAT}`,
      `--since=@${window.since}`,
      `--until=@${window.until}`,
      "--branches",
      "--remotes",
      "HEAD",
      "--",
    ], { cwd: gitCwd(repo) })).stdout,
  );
  const wanted = new Map(withLines.map((s) => [s.id, candidatesFor(s, touches)]));
  const shas = [...new Set([...wanted.values()].flat().map((c) => c.sha))];
  const diffs = await commitDiffs(repo, shas);
  const out: PlannedLink[] = [];
  for (const session of withLines) {
    const index = indexProduced(session.produced);
    for (const commit of wanted.get(session.id) ?? []) {
      const ranges = attribute(diffs.get(commit.sha) ?? [], session.produced, { index });
      if (!ranges.length) continue;
      const record = buildRecord({
        commit: commit.sha,
        sessionId: session.id,
        agent: session.agent,
        ...(session.model ? { model: session.model } : {}),
        toolVersion: VERSION,
        ranges,
      });
      const lines = ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
      out.push({ commit: commit.sha, time: commit.time, sessionId: session.id, lines, record });
    }
  }
  return out;
}

/** The notes that linking would write, and which (commit, session) pairs they change. */
export interface NoteChanges {
  links: Map<string, string>;
  ranges: Map<string, string>;
  /** `<commit> <session>` of each pair not recorded yet (or recorded differently). */
  changed: Set<string>;
}

/** Compares the planned links with the notes (nothing is written). */
export async function noteChanges(repo: Repo, links: PlannedLink[]): Promise<NoteChanges> {
  const out: NoteChanges = { links: new Map(), ranges: new Map(), changed: new Set() };
  if (!links.length) return out;
  const commits = [...new Set(links.map((l) => l.commit))];
  const [linkNotes, rangeNotes] = await Promise.all([
    readNotes(repo, LINKS_REF, commits),
    readNotes(repo, RANGES_REF, commits),
  ]);
  for (const commit of commits) {
    const mine = links.filter((l) => l.commit === commit);
    const ids = parseLinkNote(linkNotes.get(commit) ?? "");
    const added = mine.map((l) => l.sessionId).filter((id) => !ids.includes(id));
    if (added.length) out.links.set(commit, linkNoteText([...ids, ...added]));
    const current = parseRecords(rangeNotes.get(commit) ?? "");
    const fresh = mine.filter((l) => {
      const old = current.filter((c) => recordSession(c) === l.sessionId);
      return old.length !== 1 || !sameRecord(old[0]!, l.record);
    });
    if (fresh.length) {
      const replaced = new Set(fresh.map((l) => l.sessionId));
      const kept = current.filter((c) => !replaced.has(recordSession(c) ?? ""));
      out.ranges.set(commit, serializeRecords([...kept, ...fresh.map((l) => l.record)]));
    }
    for (const l of mine) {
      if (added.includes(l.sessionId) || fresh.includes(l)) {
        out.changed.add(`${commit} ${l.sessionId}`);
      }
    }
  }
  return out;
}

/** Writes the planned links and records (one notes commit per ref), leaving notes that already
 * say the same untouched; returns the pairs it changed. */
export function writeLinks(repo: Repo, links: PlannedLink[]): Promise<Set<string>> {
  return withNotesLock(repo, async () => {
    const changes = await noteChanges(repo, links);
    const message = "Notes added by 'git atrace backfill'";
    await writeNotes(repo, LINKS_REF, changes.links, message);
    await writeNotes(repo, RANGES_REF, changes.ranges, message);
    return changes.changed;
  });
}

function sameRecord(a: AgentTraceRecord, b: AgentTraceRecord): boolean {
  const body = (r: AgentTraceRecord) => JSON.stringify([r.vcs, r.files, r.metadata]);
  return body(a) === body(b);
}
