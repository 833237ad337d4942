/** `git atrace stats [<range>] [--json]`: lines added, lines from sessions by agent/model, untracked. */
import { parseCommand } from "../core/args.ts";
import { computeStats, parseStatsLog, renderStats } from "../core/stats.ts";
import type { Command } from "../io/context.ts";
import { git } from "../io/git.ts";
import { RANGES_REF } from "../io/notes.ts";

/** The stats command. */
export const stats: Command = {
  name: "stats",
  summary: "count lines added, attributed to sessions (by agent and model) and untracked",
  usage: ["stats [<range>] [--json]"],
  options: [
    ["<range>", "commits to count, as git log takes them (default HEAD)"],
    ["--json", "print JSON"],
  ],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("stats", args, { json: { type: "boolean" } }, {
      max: 1,
    });
    const range = positionals[0] ?? "HEAD";
    const log = await git([
      "log",
      "--no-show-signature",
      "--no-merges",
      "--numstat",
      "--root",
      "--no-renames",
      "--no-textconv",
      "--no-ext-diff",
      `--notes=${RANGES_REF}`,
      "--format=commit %H%n%N",
      "--end-of-options",
      range,
      "--",
    ], { cwd: ctx.cwd });
    const { added, records, addedByFile } = parseStatsLog(log.stdout);
    const result = computeStats(added, records, addedByFile);
    await ctx.stdout.write(
      values.json ? JSON.stringify({ range, ...result }) + "\n" : renderStats(range, result),
    );
    return 0;
  },
};
