/** `git atrace stats [<range>] [--json]`: lines added, lines from sessions by agent/model, untracked. */
import { isAbsolute, relative } from "node:path";
import { parseCommand } from "../core/args.ts";
import { computeStats, parseStatsLog, renderStats } from "../core/stats.ts";
import type { Command } from "../io/context.ts";
import { git } from "../io/git.ts";
import { RANGES_REF } from "../io/notes.ts";
import { type Repo, requireRepo } from "../io/repo.ts";
import { sharedDir } from "../io/store.ts";

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
    const repo = await requireRepo(ctx.cwd);
    const log = await git([
      "-c",
      "core.quotePath=false",
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
    const { added, records, addedByFile } = parseStatsLog(log.stdout, await sharedDirs(repo));
    const result = computeStats(added, records, addedByFile);
    await ctx.stdout.write(
      values.json ? JSON.stringify({ range, ...result }) + "\n" : renderStats(range, result),
    );
    return 0;
  },
};

/** Where shared sessions live (our own files, not code): the share dir and the default one. */
async function sharedDirs(repo: Repo): Promise<string[]> {
  const dirs = new Set([".agents/sessions"]);
  const shared = await sharedDir(repo);
  if (shared && repo.root !== null) {
    const inTree = relative(repo.root, shared).replaceAll("\\", "/");
    if (inTree && !inTree.startsWith("..") && !isAbsolute(inTree)) dirs.add(inTree);
  }
  return [...dirs];
}
