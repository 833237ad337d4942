// deno-lint-ignore-file no-console
/** `log 1000` against `git log -n 1000` on a history with 100 linked commits. */
import { historyRepo, processStart } from "./history.ts";
import { atraceArgs, median, type Row, table, timed } from "./lib.ts";

/** Measures log; the goal is at most 2x git's time (the ratio is shown with and without start). */
export async function benchLog(commits = 1_000, linked = 100): Promise<Row[]> {
  const repo = await historyRepo(commits, linked);
  try {
    const git = await median(21, () => timed("git", ["log", `-n${commits}`], { cwd: repo }));
    const start = await processStart(repo, "log");
    const [cmd, args] = atraceArgs(["--no-pager", "log", String(commits)]);
    const log = await median(21, () => timed(cmd, args, { cwd: repo }));
    return [{
      name: `log ${commits} (${linked} linked)`,
      value: `${log.toFixed(0)} ms; git log -n ${commits} ${git.toFixed(0)} ms; ratio ${
        (log / git).toFixed(2)
      }x, without start ${((log - start) / git).toFixed(2)}x`,
      goal: "<= 2x (+ start)",
      ok: log - start <= 2 * git,
    }];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) console.log(table(await benchLog()));
