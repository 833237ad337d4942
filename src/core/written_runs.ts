/**
 * The order a session wrote its lines in: whether a run of a commit's lines (a brace, a blank line
 * and the line beside them) is one the session wrote one after the other in a single edit.
 */

/** Each edit's lines (normalised), and where each text occurs in them. */
export interface RunIndex {
  edits: string[][];
  at: Map<string, [edit: number, pos: number][]>;
}

/** Indexes edits' lines, normalised by `normalize`. */
export function indexRuns(edits: string[][], normalize: (text: string) => string): RunIndex {
  const index: RunIndex = { edits: [], at: new Map() };
  for (const lines of edits) {
    const e = index.edits.push(lines.map(normalize)) - 1;
    index.edits[e]!.forEach((text, pos) => {
      const list = index.at.get(text);
      if (list) list.push([e, pos]);
      else index.at.set(text, [[e, pos]]);
    });
  }
  return index;
}

/** True when one edit holds `texts` (normalised) one after the other. */
export function wroteRun(index: RunIndex, texts: string[]): boolean {
  let from = -1;
  let starts: [number, number][] | undefined;
  texts.forEach((text, k) => {
    const list = index.at.get(text) ?? [];
    if (!starts || list.length < starts.length) [starts, from] = [list, k];
  });
  return (starts ?? []).some(([e, pos]) => {
    const lines = index.edits[e]!;
    const s = pos - from;
    return s >= 0 && s + texts.length <= lines.length && texts.every((t, k) => lines[s + k] === t);
  });
}
