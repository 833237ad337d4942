/** Which commits may hold a session's lines: made during the session (or soon after) and touching a
 * file it edited. */

/** A commit as `git log --format=%x01%H %ct --name-only -z` lists it. */
export interface CommitTouch {
  sha: string;
  /** Committer time, epoch seconds. */
  time: number;
  paths: string[];
}

/** What a session offers for matching. */
export interface SessionSpan {
  /** Epoch ms of its first and last activity. */
  start: number;
  end: number;
  /** Repo-relative paths it edited. */
  paths: Set<string>;
}

/** A commit may come this long before the session's first known activity (clocks, resumed sessions). */
const BEFORE_MS = 10 * 60_000;
/** A session's edits are often committed later, by hand: this long after its last activity. */
const AFTER_MS = 3 * 86_400_000;

/** The format string the parser below reads. */
export const TOUCH_FORMAT = "%x01%H %ct";

/** Parses `git log --format=%x01%H %ct --name-only -z` output. */
export function parseTouches(text: string): CommitTouch[] {
  const out: CommitTouch[] = [];
  for (const record of text.split("\x01")) {
    const fields = record.split("\0");
    const header = /^([0-9a-f]{40,64}) (\d+)$/.exec(fields[0] ?? "");
    if (!header) continue;
    const paths = fields.slice(1).map((p) => p.replace(/^\n/, "")).filter((p) => p !== "");
    out.push({ sha: header[1]!, time: Number(header[2]), paths });
  }
  return out;
}

/** The time range `git log` must cover for all of `spans` (epoch seconds), or null for none. */
export function logWindow(spans: SessionSpan[]): { since: number; until: number } | null {
  if (!spans.length) return null;
  const since = Math.min(...spans.map((s) => s.start)) - BEFORE_MS;
  const until = Math.max(...spans.map((s) => s.end)) + AFTER_MS;
  return { since: Math.floor(since / 1000), until: Math.ceil(until / 1000) };
}

/** The commits of `touches` in the span's time window that touch one of its files. */
export function candidatesFor(span: SessionSpan, touches: CommitTouch[]): CommitTouch[] {
  const from = span.start - BEFORE_MS;
  const to = span.end + AFTER_MS;
  return touches.filter((c) =>
    c.time * 1000 >= from && c.time * 1000 <= to && c.paths.some((p) => span.paths.has(p))
  );
}
