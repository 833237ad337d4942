/** Agent Trace records for sessions the original bash tool wrote: `.jsonl`, `.files`, `.timestamp`. */
import {
  type AgentTraceRecord,
  type AttributedRange,
  buildRecord,
  contentHash,
} from "./agent_trace.ts";
import type { CommitFile } from "./commit_diffs.ts";

/** What is known of an original-tool session. */
export interface LegacySession {
  id: string;
  /** The `.files` paths, repo-relative. */
  files: string[];
  /** From `.timestamp` (`YYYY-MM-DDTHH:MM:SSZ`), as ISO 8601. */
  timestamp: string;
  agent: string;
  model?: string;
}

/** Contiguous blocks of `added` lines in `path` as ranges. */
function blocks(path: string, added: { line: number; text: string }[]): AttributedRange[] {
  const out: AttributedRange[] = [];
  let run: { line: number; text: string }[] = [];
  const flush = () => {
    if (!run.length) return;
    out.push({
      path,
      start: run[0]!.line,
      end: run.at(-1)!.line,
      contentHash: contentHash(run.map((l) => l.text)),
      toolCallIds: [],
      match: "exact",
    });
    run = [];
  };
  for (const line of [...added].sort((a, b) => a.line - b.line)) {
    if (run.length && line.line !== run.at(-1)!.line + 1) flush();
    run.push(line);
  }
  flush();
  return out;
}

/**
 * One record per commit the session is linked to, covering the lines each commit added to the
 * session's files (the original tool recorded files, not lines); `commits` holds their diffs.
 */
export function legacyCommitRecords(
  session: LegacySession,
  commits: Map<string, CommitFile[]>,
  toolVersion: string,
): AgentTraceRecord[] {
  const mine = new Set(session.files);
  return [...commits].map(([commit, files]) =>
    buildRecord({
      commit,
      sessionId: session.id,
      agent: session.agent,
      ...(session.model ? { model: session.model } : {}),
      toolVersion,
      ranges: files.filter((f) => mine.has(f.path)).flatMap((f) => blocks(f.path, f.added)),
      timestamp: session.timestamp,
    })
  );
}

/** The original tool's export of an unlinked session: each file whole, at `head`. */
export function legacyHeadRecord(
  session: LegacySession,
  head: string,
  contents: Map<string, string>,
  toolVersion: string,
): AgentTraceRecord {
  const ranges = [...contents].flatMap(([path, text]) => {
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    return lines.length ? blocks(path, lines.map((t, i) => ({ line: i + 1, text: t }))) : [];
  });
  return buildRecord({
    commit: head,
    sessionId: session.id,
    agent: session.agent,
    ...(session.model ? { model: session.model } : {}),
    toolVersion,
    ranges,
    timestamp: session.timestamp,
  });
}
