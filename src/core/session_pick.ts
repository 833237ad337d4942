/** Which of an agent's sessions made a commit, when the agent's shell does not name the session. */

/** A session that may have made the commit. */
export interface Candidate {
  id: string;
  agent: string;
  /** Where the session ran (absolute), when known. */
  cwd?: string;
  updatedAt: string;
  /** Repo-relative files the session edited. */
  files: string[];
}

/** Sessions older than this are not "active". */
const ACTIVE_WINDOW_MS = 6 * 3600 * 1000;

/**
 * The agent's active session that edited most of the commit's files; on a tie one that ran in this
 * work tree (a symlinked spelling of the path may hide that), then the most recent; null for none.
 */
export function pickSession(
  candidates: Candidate[],
  agent: string,
  root: string,
  commitFiles: string[],
  now: Date,
): string | null {
  const changed = new Set(commitFiles);
  const here = (c: Candidate) =>
    !c.cwd || c.cwd === root || c.cwd.startsWith(root + "/") || root.startsWith(c.cwd + "/");
  const scored = candidates
    .filter((c) => c.agent === agent && now.getTime() - Date.parse(c.updatedAt) <= ACTIVE_WINDOW_MS)
    .map((c) => ({ c, overlap: c.files.filter((f) => changed.has(f)).length, here: here(c) }))
    .sort((a, b) =>
      b.overlap - a.overlap || Number(b.here) - Number(a.here) ||
      b.c.updatedAt.localeCompare(a.c.updatedAt)
    );
  return scored[0]?.c.id ?? null;
}
