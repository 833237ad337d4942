/** `git atrace log [<count>] [--all] [--json]`: recent commits with their sessions (notes read once). */
import { recordRanges, recordSession } from "../core/agent_trace.ts";
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import type { Command } from "../io/context.ts";
import { git, splitNul } from "../io/git.ts";
import { readAllNotes } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** One commit of the log with its sessions and the lines each wrote there. */
interface LogEntry {
  commit: string;
  message: string;
  sessions: string[];
  lines: Record<string, number>;
}

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
    const repo = await requireRepo(ctx.cwd);
    const cwd = repo.root ?? repo.gitDir;
    const [listed, { links, ranges }] = await Promise.all([
      git(["log", "-z", `-n${count}`, "--format=%H%x00%s", ...(values.all ? ["--all"] : [])], {
        cwd,
        okCodes: [128],
      }),
      readAllNotes(repo),
    ]);
    const fields = splitNul(listed.code === 0 ? listed.stdout : "");
    const entries: LogEntry[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const commit = fields[i]!.trim();
      const sessions = links.get(commit);
      if (!sessions?.length) continue;
      const lines: Record<string, number> = {};
      for (const record of ranges.get(commit) ?? []) {
        const id = recordSession(record);
        if (id) lines[id] = recordRanges(record).reduce((n, r) => n + r.end - r.start + 1, 0);
      }
      entries.push({ commit, message: fields[i + 1]!, sessions, lines });
    }
    if (values.json) {
      await ctx.stdout.write(JSON.stringify(entries) + "\n");
      return 0;
    }
    const paint = await paintFor(ctx);
    let text = `${paint("bold", "Commits with sessions")}\n\n`;
    if (!entries.length) {
      text += "  No commits with linked sessions.\n\n" +
        "  Link a session: git atrace link <session_id> [commit]\n";
    }
    for (const e of entries) {
      text += `  ${paint("yellow", e.commit.slice(0, 7))}  ${e.message}\n`;
      for (const id of e.sessions) {
        const n = e.lines[id];
        const detail = n === undefined ? "" : `  ${n} line${n === 1 ? "" : "s"}`;
        text += `          \u21b3 ${paint("cyan", id.slice(0, 8))}${paint("dim", detail)}\n`;
      }
      text += "\n";
    }
    const out = await pagedOutput(ctx);
    await out.write(text);
    await out.close();
    return 0;
  },
};
