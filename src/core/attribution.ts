/** Line-level attribution: a commit's added lines matched against the lines a session's edits produced. */
import { type AttributedRange, contentHash, type MatchKind } from "./agent_trace.ts";
import type { CommitFile } from "./commit_diffs.ts";
import type { HookEvent } from "./model.ts";
import { indexRuns, type RunIndex, wroteRun } from "./written_runs.ts";

/** A commit's added lines in one file (defined with the diff parser; relocate.ts reads it here). */
export type { CommitFile } from "./commit_diffs.ts";

/** The lines one tool call produced in one file. */
export interface ProducedLines {
  path: string;
  toolCallId?: string;
  lines: string[];
}

/** Whitespace-normalised text: runs of whitespace collapsed, ends trimmed. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function trivial(text: string): boolean {
  return /^[\s{}()[\];,.:]*$/.test(text) || normalize(text).length < 3;
}

/** Where a produced line came from. */
interface Source {
  path: string;
  toolCallId?: string;
}

interface Hit {
  toolCallIds: string[];
  match: MatchKind;
  /** False when only an edit of another file produced the text. */
  samePath?: boolean;
}

/** A session's produced lines indexed by exact and by normalised text. */
export interface ProducedIndex {
  exact: Map<string, Source[]>;
  loose: Map<string, Source[]>;
  /** The order each tool call wrote its lines in. */
  runs: RunIndex;
}

/** Indexes a session's produced lines once, for `attribute` over many commits. */
export function indexProduced(produced: ProducedLines[]): ProducedIndex {
  const exact = new Map<string, Source[]>();
  const loose = new Map<string, Source[]>();
  for (const p of produced) {
    const source: Source = p.toolCallId ? { path: p.path, toolCallId: p.toolCallId } : {
      path: p.path,
    };
    for (const text of p.lines) {
      push(exact, text, source);
      push(loose, normalize(text), source);
    }
  }
  return { exact, loose, runs: indexRuns(produced.map((p) => p.lines), normalize) };
}

/**
 * The lines each edit of a session's events produced (deletions and empty edits produce none),
 * leaving out edits recorded at a HEAD in `after` (the commit already existed then).
 */
export function producedFromEvents(events: HookEvent[], after?: Set<string>): ProducedLines[] {
  const out: ProducedLines[] = [];
  for (const event of events) {
    if (event.head && after?.has(event.head)) continue;
    for (const edit of event.edits ?? []) {
      if (edit.op === "delete" || !edit.addedLines?.length) continue;
      const p: ProducedLines = { path: edit.path, lines: edit.addedLines };
      if (event.toolCallId) p.toolCallId = event.toolCallId;
      out.push(p);
    }
  }
  return out;
}

/** What else a commit's attribution knows. */
export interface AttributeOptions {
  /** The produced lines already indexed (see indexProduced). */
  index?: ProducedIndex;
  /** Per path, the texts the file already had before the commit: they cannot anchor a run. */
  existing?: Map<string, Set<string>>;
  /** `path:line` keys already credited to another session (not credited again). */
  claimed?: Set<string>;
}

/** The ranges of `files` whose lines the session produced: exact text first, then normalised. */
export function attribute(
  files: CommitFile[],
  produced: ProducedLines[],
  opts: AttributeOptions = {},
): AttributedRange[] {
  const { exact, loose, runs } = opts.index ?? indexProduced(produced);
  const ranges: AttributedRange[] = [];
  for (const file of files) {
    const free = (i: number) => !opts.claimed?.has(`${file.path}:${file.added[i]!.line}`);
    const found: (Hit | null)[] = file.added.map((a, i) =>
      trivial(a.text) || !free(i) ? null : lookup(exact, loose, a.text, file.path)
    );
    const hits = found.map((hit, i) =>
      hit && (hit.samePath || neighbour(file, found, i, -1) || neighbour(file, found, i, 1))
        ? hit
        : null
    );
    // Trivial lines the session wrote, and whether it wrote lines i..j one after the other.
    const candidate = file.added.map((a, i) =>
      trivial(a.text) && free(i) ? lookup(exact, loose, a.text, file.path) : null
    );
    const wrote = (i: number, j: number) => {
      for (let k = i; k < j; k++) if (!adjacent(file, k)) return false;
      return wroteRun(runs, file.added.slice(i, j + 1).map((a) => normalize(a.text)));
    };
    dropUnanchored(file, hits, candidate, wrote, opts.existing?.get(file.path));
    fillTrivial(hits, candidate, wrote);
    ranges.push(...group(file, hits));
  }
  return ranges;
}

/** True when added lines i and i + 1 are next to each other in the file. */
function adjacent(file: CommitFile, i: number): boolean {
  const [a, b] = [file.added[i], file.added[i + 1]];
  return !!a && !!b && b.line === a.line + 1;
}

/** A single line that only another file's edit produced is weak evidence: it needs a matched neighbour. */
function neighbour(file: CommitFile, hits: (Hit | null)[], i: number, step: number): boolean {
  const other = file.added[i + step];
  return !!hits[i + step] && !!other && other.line === file.added[i]!.line + step;
}

/**
 * A run of matched lines counts only when one of its lines is unambiguous: its text is added once in
 * the file and was not there before. Lines every codebase repeats (`return None`, `result = []`), or
 * a session's lines already committed, are matched by whoever wrote one like them; a person's run of
 * such lines has nothing that only the session wrote. A run goes on through trivial lines (braces,
 * blank lines) when the session wrote them and the lines on both sides in that order.
 */
function dropUnanchored(
  file: CommitFile,
  hits: (Hit | null)[],
  candidate: (Hit | null)[],
  wrote: (i: number, j: number) => boolean,
  existing?: Set<string>,
) {
  const key = (i: number) => normalize(file.added[i]!.text);
  const counts = new Map<string, number>();
  file.added.forEach((_, i) => counts.set(key(i), (counts.get(key(i)) ?? 0) + 1));
  /** The next hit of the run ending at `j`, if any. */
  const next = (j: number): number | null => {
    if (hits[j + 1] && adjacent(file, j)) return j + 1;
    let k = j + 1;
    while (k < hits.length && !hits[k] && candidate[k]) k++;
    return k > j + 1 && hits[k] && wrote(j, k) ? k : null;
  };
  let i = 0;
  while (i < hits.length) {
    if (!hits[i]) {
      i++;
      continue;
    }
    let j = i;
    for (let k = next(j); k !== null; k = next(j)) j = k;
    let anchored = false;
    for (let k = i; k <= j; k++) {
      anchored ||= !!hits[k] && counts.get(key(k)) === 1 && !existing?.has(file.added[k]!.text);
    }
    if (!anchored) hits.fill(null, i, j + 1);
    i = j + 1;
  }
}

function push(map: Map<string, Source[]>, key: string, source: Source) {
  const list = map.get(key);
  if (list) list.push(source);
  else map.set(key, [source]);
}

function lookup(
  exact: Map<string, Source[]>,
  loose: Map<string, Source[]>,
  text: string,
  path: string,
): Hit | null {
  const found = exact.get(text);
  if (found) return hitOf(found, path, "exact");
  const near = loose.get(normalize(text));
  return near ? hitOf(near, path, "normalized") : null;
}

function hitOf(sources: Source[], path: string, match: MatchKind): Hit {
  const samePath = sources.filter((s) => s.path === path);
  const chosen = (samePath.length ? samePath : sources).at(-1)!;
  const ids = chosen.toolCallId ? [chosen.toolCallId] : [];
  return { toolCallIds: ids, match, samePath: samePath.length > 0 };
}

/**
 * Blank and brace-only lines count only next to an attributed line of the same block: the session
 * wrote them and that line in this order (a person's brace beside an agent's line stays theirs).
 */
function fillTrivial(
  hits: (Hit | null)[],
  candidate: (Hit | null)[],
  wrote: (i: number, j: number) => boolean,
) {
  const fill = (k: number, from: Hit) => {
    hits[k] = { toolCallIds: from.toolCallIds, match: candidate[k]!.match };
  };
  let i = 0;
  while (i < hits.length) {
    if (hits[i] || !candidate[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < hits.length && !hits[j + 1] && candidate[j + 1]) j++;
    const [before, after] = [hits[i - 1], hits[j + 1]];
    let m = i;
    if (before) { while (m <= j && wrote(i - 1, m)) fill(m++, before); }
    if (after) { for (let k = j; k >= m && wrote(k, j + 1); k--) fill(k, after); }
    i = j + 1;
  }
}

function group(file: CommitFile, hits: (Hit | null)[]): AttributedRange[] {
  const out: AttributedRange[] = [];
  let texts: string[] = [];
  let current: AttributedRange | null = null;
  const close = () => {
    if (current) out.push({ ...current, contentHash: contentHash(texts) });
    current = null;
    texts = [];
  };
  file.added.forEach((a, i) => {
    const hit = hits[i];
    if (!hit) return close();
    const key = hit.toolCallIds.join(",");
    if (
      current && current.end + 1 === a.line && current.match === hit.match &&
      current.toolCallIds.join(",") === key
    ) {
      current.end = a.line;
    } else {
      close();
      current = {
        path: file.path,
        start: a.line,
        end: a.line,
        contentHash: "",
        toolCallIds: hit.toolCallIds,
        match: hit.match,
      };
    }
    texts.push(a.text);
  });
  close();
  return out;
}

/** Finds each range's content (by its hash) among a commit's added lines: same path first. */
export function relocate(
  ranges: AttributedRange[],
  files: CommitFile[],
): { moved: AttributedRange[]; lost: AttributedRange[] } {
  const moved: AttributedRange[] = [];
  const lost: AttributedRange[] = [];
  for (const range of ranges) {
    const size = range.end - range.start + 1;
    const ordered = [...files].sort((a, b) =>
      Number(b.path === range.path) - Number(a.path === range.path)
    );
    const found = findWindow(ordered, size, range.contentHash);
    if (found) {
      moved.push({ ...range, path: found.path, start: found.start, end: found.start + size - 1 });
    } else lost.push(range);
  }
  return { moved, lost };
}

function findWindow(files: CommitFile[], size: number, hash: string) {
  for (const file of files) {
    for (let i = 0; i + size <= file.added.length; i++) {
      const window = file.added.slice(i, i + size);
      if (window.at(-1)!.line - window[0]!.line !== size - 1) continue;
      if (contentHash(window.map((a) => a.text)) === hash) {
        return { path: file.path, start: window[0]!.line };
      }
    }
  }
  return null;
}
