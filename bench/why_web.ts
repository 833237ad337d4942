/** `why` on a linked line and the web API's blame, on the bench history, against `git blame --porcelain`. */
import { findRepo } from "../src/io/repo.ts";
import { startWebServer, TOKEN_HEADER } from "../src/web/server.ts";
import { historyRepo, processStart } from "./history.ts";
import { atraceArgs, median, type Row, timed } from "./lib.ts";

/** Measures `why` (one process) and `GET /api/file` (a warm server) on a file with `commits` commits. */
export async function benchWhyWeb(commits = 1_000, linked = 100): Promise<Row[]> {
  const repo = await historyRepo(commits, linked);
  const server = await startWebServer((await findRepo(repo))!, { port: 0, token: "bench" });
  try {
    const git = await median(
      5,
      () => timed("git", ["blame", "--porcelain", "file.txt"], { cwd: repo }),
    );
    const start = await processStart(repo, "why");
    const [cmd, args] = atraceArgs(["why", "file.txt:8"]);
    const why = await median(21, () => timed(cmd, args, { cwd: repo }));
    const api = await median(9, async () => {
      const began = performance.now();
      const response = await fetch(`${server.origin}/api/file?path=file.txt`, {
        headers: { [TOKEN_HEADER]: "bench" },
      });
      if (!response.ok) throw new Error(`api: ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - began;
    });
    return [
      {
        name: `why <file>:<line>, ${commits} commits`,
        value: `${why.toFixed(0)} ms; start ${start.toFixed(0)} ms; (why - start)/git = ${
          ((why - start) / git).toFixed(2)
        }x`,
        goal: "<= 2x + start",
        ok: why <= 2 * git + start,
      },
      {
        name: `web API blame, ${commits} commits`,
        value: `${api.toFixed(0)} ms (${(api / git).toFixed(2)}x git blame --porcelain ${
          git.toFixed(0)
        } ms)`,
        goal: "<= 2x git",
        ok: api <= 2 * git,
      },
    ];
  } finally {
    await server.shutdown();
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}
