/** `git atrace stats [<range>] [--json]`: lines added, lines from sessions by agent/model, untracked. */
import { parseCommand } from "../core/args.ts";
import { computeStats, parseNumstat, renderStats } from "../core/stats.ts";
import type { Command } from "../io/context.ts";
import { git } from "../io/git.ts";
import { readRanges } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";

/** The stats command. */
export const stats: Command = {
  name: "stats",
  summary: "count lines added, attributed to sessions (by agent and model) and untracked",
  usage: ["stats [<range>] [--json]"],
  options: [["<range>", "commits to count, as git log takes them (default HEAD)"], [
    "--json",
    "print JSON",
  ]],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("stats", args, { json: { type: "boolean" } }, {
      max: 1,
    });
    const range = positionals[0] ?? "HEAD";
    const repo = await requireRepo(ctx.cwd);
    const cwd = repo.root ?? repo.gitDir;
    const [log, records] = await Promise.all([
      git(["log", "--no-merges", "--numstat", "--no-renames", "--format=commit %H", range, "--"], {
        cwd,
      }),
      readRanges(repo),
    ]);
    const result = computeStats(parseNumstat(log.stdout), records);
    await ctx.stdout.write(
      values.json ? JSON.stringify({ range, ...result }) + "\n" : renderStats(range, result),
    );
    return 0;
  },
};
