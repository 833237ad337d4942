// deno-lint-ignore-file no-console
/** `blame` on a file touched by 1,000 commits (100 linked) against `git blame --porcelain`. */
import { historyRepo, processStart } from "./history.ts";
import { atraceArgs, median, type Row, table, timed } from "./lib.ts";

/** Measures blame; the goal is at most 2x git's time plus git-atrace's process start. */
export async function benchBlame(commits = 1_000, linked = 100): Promise<Row[]> {
  const repo = await historyRepo(commits, linked);
  try {
    const git = await median(
      5,
      () => timed("git", ["blame", "--porcelain", "file.txt"], { cwd: repo }),
    );
    const start = await processStart(repo, "blame");
    const [cmd, args] = atraceArgs(["blame", "file.txt", "--json"]);
    const blame = await median(21, () => timed(cmd, args, { cwd: repo }));
    const ratio = (blame - start) / git;
    return [{
      name: `blame, ${commits} commits (${linked} linked)`,
      value: `${blame.toFixed(0)} ms; git blame --porcelain ${git.toFixed(0)} ms; start ${
        start.toFixed(0)
      } ms; (blame - start)/git = ${ratio.toFixed(2)}x`,
      goal: "<= 2x + start",
      ok: blame <= 2 * git + start,
    }];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) console.log(table(await benchBlame()));
