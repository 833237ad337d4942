/** `git atrace log [<count>] [--all] [--json]`: recent commits with their sessions (one git process). */
import { parseCommand } from "../core/args.ts";
import { FatalError, UsageError } from "../core/errors.ts";
import { logEntries, parseLogWithNotes, renderLog } from "../core/render_log.ts";
import type { Command } from "../io/context.ts";
import { gitRaw } from "../io/git.ts";
import { LINKS_REF, RANGES_REF } from "../io/notes.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** The log command. */
export const log: Command = {
  name: "log",
  summary: "list recent commits with their linked sessions",
  usage: ["log [<count>] [--all] [--json]"],
  options: [["--all", "walk every branch, not only HEAD"], ["--json", "print JSON"]],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("log", args, {
      all: { type: "boolean" },
      json: { type: "boolean" },
    }, { max: 1 });
    const count = Number(positionals[0] ?? "10");
    if (!Number.isInteger(count) || count < 1) {
      throw new UsageError(`invalid count '${positionals[0]}'`, { cause: "log" });
    }
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
    const text = renderLog(entries, paint);
    const out = await pagedOutput(ctx);
    await out.write(text);
    await out.close();
    return 0;
  },
};
