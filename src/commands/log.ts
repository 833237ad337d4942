/** `git atrace log [-<n> | -n <n>] [--all] [--json]`: recent commits with their sessions (one git process). */
import { parseCommand } from "../core/args.ts";
import { FatalError, UsageError } from "../core/errors.ts";
import { logEntries, parseLogWithNotes, renderLog } from "../core/render_log.ts";
import type { Command } from "../io/context.ts";
import { gitRaw } from "../io/git.ts";
import { LINKS_REF, RANGES_REF } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** The log command. */
export const log: Command = {
  name: "log",
  summary: "list recent commits with their linked sessions",
  usage: ["log [-<n> | -n <n> | <n>] [--all] [--json]"],
  options: [
    ["-<n>, -n <n>, --max-count=<n>", "walk at most <n> commits (default 10), as git log does"],
    ["--all", "walk every branch, not only HEAD"],
    ["--json", "print JSON"],
  ],
  async run(args, ctx) {
    // git log's `-<n>` is not an option node:util can declare: take it out first.
    const counts = args.filter((a) => /^-\d+$/.test(a)).map((a) => a.slice(1));
    const { positionals, values } = parseCommand(
      "log",
      args.filter((a) => !/^-\d+$/.test(a)),
      {
        n: { type: "string", short: "n" },
        "max-count": { type: "string" },
        all: { type: "boolean" },
        json: { type: "boolean" },
      },
      { max: 1 },
    );
    const given = [...counts, values.n, values["max-count"], positionals[0]].filter((c) =>
      c !== undefined
    );
    const count = Number(given.at(-1) ?? "10");
    if (!/^\d+$/.test(given.at(-1) ?? "10") || count < 1) {
      throw new UsageError(`invalid count '${given.at(-1)}'`, { cause: "log" });
    }
    const repo = await requireRepo(ctx.cwd);
    const [listed, paint] = await Promise.all([
      gitRaw([
        "log",
        "--no-show-signature",
        `-n${count}`,
        `--notes=${LINKS_REF}`,
        `--notes=${RANGES_REF}`,
        "--format=%H%x00%s%x00%N%x01",
        ...(values.all ? ["--all"] : []),
      ], { cwd: ctx.cwd }),
      values.json ? null : paintFor(ctx),
    ]);
    if (listed.code !== 0 && !/does not have any commits/.test(listed.stderr)) {
      throw new FatalError(listed.stderr.trim().replace(/^fatal: /, "") || "git log failed");
    }
    const { commits, links, ranges } = parseLogWithNotes(listed.code === 0 ? listed.stdout : "");
    const entries = logEntries(commits, links, ranges);
    if (values.json || !paint) {
      await ctx.stdout.write(JSON.stringify(entries) + "\n");
      return 0;
    }
    const short = await sessionShortIds(repo, entries.flatMap((e) => e.sessions));
    const out = await pagedOutput(ctx);
    await out.write(renderLog(entries, paint, short));
    await out.close();
    return 0;
  },
};
