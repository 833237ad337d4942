/** Checking line ranges against the files they name: line counts of files at revisions, from git. */
import type { AgentTraceRecord } from "../core/agent_trace.ts";
import { dropBeyondFiles, type DroppedRange, rangeFiles } from "../core/range_check.ts";
import { gitBytes } from "./git.ts";
import { gitCwd, type Repo } from "./repo.ts";

/**
 * The line count of each `<revision>:<path>` (null: no such file at a revision that exists here),
 * with one `git cat-file --batch`; specs of revisions unknown here are left out (nothing to check
 * them against: an imported record may name another repository's commit).
 */
export async function fileLengths(
  repo: Repo,
  specs: string[],
): Promise<Map<string, number | null>> {
  const asked = specs.filter((s) => !s.includes("\n"));
  const lengths = new Map<string, number | null>();
  if (!asked.length) return lengths;
  const out = await gitBytes(["cat-file", "--batch"], {
    cwd: gitCwd(repo),
    stdin: asked.join("\n") + "\n",
  });
  const data = out.stdout;
  let pos = 0;
  for (const spec of asked) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) break;
    const header = new TextDecoder().decode(data.subarray(pos, nl)).split(" ");
    pos = nl + 1;
    if (header.length < 3 || header[1] !== "blob") {
      // `missing`, `ambiguous`, or not a file (a tree): no lines to attribute.
      if (header.length >= 3) pos += Number(header[2]) + 1;
      lengths.set(spec, null);
      continue;
    }
    const size = Number(header[2]);
    let lines = 0;
    for (let i = pos; i < pos + size; i++) if (data[i] === 10) lines++;
    if (size > 0 && data[pos + size - 1] !== 10) lines++;
    lengths.set(spec, lines);
    pos += size + 1;
  }
  const missing = [...lengths].filter(([, n]) => n === null).map(([spec]) => spec);
  if (missing.length) {
    const revisions = [...new Set(missing.map((spec) => spec.slice(0, spec.indexOf(":"))))];
    const known = await existingCommits(repo, revisions);
    for (const spec of missing) {
      if (!known.has(spec.slice(0, spec.indexOf(":")))) lengths.delete(spec);
    }
  }
  return lengths;
}

/** Which of `revisions` name commits in this repository (one `git cat-file --batch-check`). */
async function existingCommits(repo: Repo, revisions: string[]): Promise<Set<string>> {
  const out = await gitBytes(["cat-file", "--batch-check=%(objecttype)"], {
    cwd: gitCwd(repo),
    stdin: revisions.map((r) => `${r}^{commit}`).join("\n") + "\n",
  });
  const types = new TextDecoder().decode(out.stdout).split("\n");
  return new Set(revisions.filter((_, i) => types[i] === "commit"));
}

/** `records` without ranges past the end of their files (or on files missing at the revision). */
export async function checkedRecords(
  repo: Repo,
  records: AgentTraceRecord[],
  dropped: DroppedRange[] = [],
): Promise<AgentTraceRecord[]> {
  const lengths = await fileLengths(repo, rangeFiles(records));
  return records.map((record) => dropBeyondFiles(record, lengths, dropped));
}
