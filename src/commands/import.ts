/** `git atrace import <file|->`: Agent Trace records (one, an array or JSONL) into sessions and notes. */
import { parseCommand } from "../core/args.ts";
import { MAX_IMPORT_BYTES, parseTraceInput } from "../core/import_trace.ts";
import type { Command } from "../io/context.ts";
import { readInputText } from "../io/input.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { importRecords } from "../io/trace_import.ts";
import { paintFor } from "../io/ui.ts";

/** The import command. */
export const importCommand: Command = {
  name: "import",
  summary: "import Agent Trace records (a record, an array or JSONL) as sessions and links",
  usage: ["import <file|->"],
  async run(args, ctx) {
    const { positionals } = parseCommand("import", args, {}, { min: 1, max: 1 });
    const repo = await requireRepo(ctx.cwd);
    const { name, text } = await readInputText(
      positionals[0]!,
      ctx.cwd,
      ctx.stdin,
      MAX_IMPORT_BYTES,
    );
    const notes: string[] = [];
    const records = parseTraceInput(text, name, notes);
    const report = await importRecords(repo, records);
    const [paint, short] = await Promise.all([paintFor(ctx), sessionShortIds(repo)]);
    const out: string[] = [];
    for (const id of report.created) out.push(`Imported session: ${paint("cyan", id)}`);
    for (const m of report.merged) {
      out.push(
        `Merged ${m.records} record${m.records === 1 ? "" : "s"} into existing session ${
          paint("cyan", short(m.id))
        } (its files are unchanged)`,
      );
    }
    for (const id of report.unchanged) {
      out.push(`Session ${short(id)} already has these records; nothing to do`);
    }
    if (report.linked.length) {
      out.push(
        `Linked to ${[...new Set(report.linked)].map((c) => paint("yellow", c)).join(", ")}`,
      );
    }
    await ctx.stdout.write([...notes, ...out].map((l) => l + "\n").join(""));
    for (const rev of report.notFound) {
      await ctx.stderr.write(`warning: ${rev} not found here; not linked\n`);
    }
    for (const why of report.skipped) await ctx.stderr.write(`warning: skipped ${why}\n`);
    const nothing = !report.created.length && !report.merged.length;
    return nothing && report.skipped.length ? 1 : 0;
  },
};
