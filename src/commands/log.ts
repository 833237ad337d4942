/** `git atrace log [<count>] [--all] [--json]`: recent commits with their sessions (notes read once). */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import { logEntries, renderLog } from "../core/render_log.ts";
import type { Command } from "../io/context.ts";
import { git, splitNul } from "../io/git.ts";
import { readAllNotesAt } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
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
    const cwd = ctx.cwd;
    const repo = requireRepo(cwd);
    const [, listed, { links, ranges }, paint] = await Promise.all([
      repo,
      git(["log", "-z", `-n${count}`, "--format=%H%x00%s", ...(values.all ? ["--all"] : [])], {
        cwd,
        okCodes: [128],
      }),
      readAllNotesAt(cwd, () => repo),
      values.json ? null : paintFor(ctx),
    ]);
    const fields = splitNul(listed.code === 0 ? listed.stdout : "");
    const commits: [string, string][] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      commits.push([fields[i]!.trim(), fields[i + 1]!]);
    }
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
