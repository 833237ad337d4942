/** Ground truth for the fidelity bench: every line of every scored file with the writer it belongs to. */

/** Who wrote a line: a session id, or "human". */
export type Writer = string;

/** The writer every person's line has. */
export const HUMAN: Writer = "human";

/** One line and the writer it belongs to. */
export interface TruthLine {
  text: string;
  who: Writer;
}

/** The files the bench scores, line by line, as the work tree holds them. */
export class Truth {
  readonly files = new Map<string, TruthLine[]>();

  /** The lines of `path` (empty for a new file). */
  lines(path: string): TruthLine[] {
    return this.files.get(path) ?? [];
  }

  /** The file's text. */
  text(path: string): string {
    return this.lines(path).map((l) => l.text + "\n").join("");
  }

  /** Replaces `count` lines at 0-based `at` with `texts`, written by `who`. */
  splice(path: string, at: number, count: number, texts: string[], who: Writer): void {
    const lines = [...this.lines(path)];
    lines.splice(at, count, ...texts.map((text) => ({ text, who })));
    this.files.set(path, lines);
  }

  /** Changes only the indentation of `count` lines at `at`: the writers stay. */
  reindent(path: string, at: number, count: number, indent: string): void {
    const lines = this.lines(path).map((l, i) =>
      i >= at && i < at + count && l.text.trim() ? { ...l, text: indent + l.text } : l
    );
    this.files.set(path, lines);
  }

  /** Moves `count` lines at `at` of `from` to line `to` of `into` (after removal): writers stay. */
  move(from: string, at: number, count: number, into: string, to: number): void {
    const source = [...this.lines(from)];
    const moved = source.splice(at, count);
    this.files.set(from, source);
    const target = from === into ? source : [...this.lines(into)];
    target.splice(to, 0, ...moved);
    this.files.set(into, target);
  }

  /** Renames `from` to `to` (`git mv`): the writers stay. */
  rename(from: string, to: string): void {
    this.files.set(to, this.lines(from));
    this.files.delete(from);
  }

  /** A deep copy (to restore the truth of a branch). */
  clone(): Truth {
    const copy = new Truth();
    for (const [path, lines] of this.files) copy.files.set(path, lines.map((l) => ({ ...l })));
    return copy;
  }

  /** Replaces this truth's files with `other`'s. */
  assign(other: Truth): void {
    this.files.clear();
    for (const [path, lines] of other.files) this.files.set(path, lines.map((l) => ({ ...l })));
  }
}

/** Precision and recall of one scoring. */
export interface Score {
  /** AI lines in the truth. */
  ai: number;
  /** Lines blame credited to some session. */
  credited: number;
  /** Lines credited to the session that really wrote them. */
  right: number;
}

/** Compares blame's session per line (null: none) with the truth. */
export function scoreLines(truth: TruthLine[], blamed: (string | null)[], score: Score): void {
  truth.forEach((line, i) => {
    const got = blamed[i] ?? null;
    if (line.who !== HUMAN) score.ai++;
    if (got !== null) score.credited++;
    if (got !== null && got === line.who) score.right++;
  });
}

/** Precision (right / credited; 1 when nothing was credited). */
export function precision(s: Score): number {
  return s.credited ? s.right / s.credited : 1;
}

/** Recall (right / AI lines; 1 when there are none). */
export function recall(s: Score): number {
  return s.ai ? s.right / s.ai : 1;
}
