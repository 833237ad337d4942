/** A scratch history for the blame and log benches: one file touched by every commit, some linked. */
import { atraceArgs, median, scratchRepo, timed } from "./lib.ts";

/** Builds `commits` commits (each rewriting one line of file.txt), `linked` of them with notes. */
export async function historyRepo(commits: number, linked: number): Promise<string> {
  const repo = await scratchRepo("history");
  const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
  const every = Math.max(1, Math.floor(commits / linked));
  let stream = "";
  const notes: [number, string, string][] = [];
  for (let i = 1; i <= commits; i++) {
    lines[(i * 7) % lines.length] = `line ${(i * 7) % lines.length} changed by commit ${i}`;
    const text = lines.join("\n") + "\n";
    const msg = `commit ${i}`;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Bench <b@example.com> ${
      1_700_000_000 + i
    } +0000\ndata ${msg.length}\n${msg}\n`;
    if (i === 1) stream += "from refs/heads/main^0\n";
    stream += `M 100644 inline file.txt\ndata ${byteLength(text)}\n${text}\n`;
    if (i % every === 0 && notes.length < linked) {
      const id = `bench000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      notes.push([i, id, record(id, (i * 7) % lines.length + 1)]);
    }
  }
  for (const [ref, pick] of [["refs/notes/atrace", 1], ["refs/notes/atrace-ranges", 2]] as const) {
    stream += `commit ${ref}\ncommitter Bench <b@example.com> 1700000000 +0000\ndata 5\nnotes\n`;
    for (const note of notes) {
      const body = note[pick] + "\n";
      stream += `N inline :${note[0]}\ndata ${byteLength(body)}\n${body}\n`;
    }
  }
  await timed("git", ["fast-import", "--quiet"], { cwd: repo, stdin: stream });
  await timed("git", ["checkout", "-q", "-f", "main"], { cwd: repo });
  return repo;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function record(id: string, line: number): string {
  return JSON.stringify({
    version: "0.1.0",
    id: crypto.randomUUID(),
    timestamp: "2026-01-01T00:00:00Z",
    files: [{
      path: "file.txt",
      conversations: [{
        url: `atrace://session/${id}`,
        ranges: [{ start_line: line, end_line: line }],
      }],
    }],
    metadata: { "dev.git-atrace": { session_id: id, agent: "claude-code" } },
  });
}

/**
 * Median start-up time of `command` without its work: `git atrace <command> -h` loads the same
 * modules and parses the same arguments, then prints its usage (exit 129, as git's -h does).
 */
export function processStart(repo: string, command: string): Promise<number> {
  const [cmd, args] = atraceArgs([command, "-h"]);
  return median(21, () => timed(cmd, args, { cwd: repo, okCodes: [129] }));
}
