/** `git atrace import <file|->`: Agent Trace records (one, an array or JSONL) into sessions and notes. */
import { resolve } from "node:path";
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import { MAX_IMPORT_BYTES, parseTraceInput } from "../core/import_trace.ts";
import { shortId } from "../core/session_id.ts";
import type { Command, Context } from "../io/context.ts";
import { statOrNull } from "../io/fs.ts";
import { requireRepo } from "../io/repo.ts";
import { readBytesLimited } from "../io/stdin.ts";
import { importRecords } from "../io/trace_import.ts";
import { paintFor } from "../io/ui.ts";

const LIMIT = `${MAX_IMPORT_BYTES / 1024 / 1024} MiB`;

async function readInput(ctx: Context, arg: string): Promise<{ name: string; text: string }> {
  let bytes: Uint8Array;
  if (arg === "-") {
    const data = await readBytesLimited(ctx.stdin, MAX_IMPORT_BYTES, false);
    if (data === null) {
      throw new CommandError(`standard input is too large (the limit is ${LIMIT})`);
    }
    bytes = data;
  } else {
    const path = resolve(ctx.cwd, arg);
    const info = await statOrNull(path);
    if (!info) throw new CommandError(`cannot read '${arg}': no such file`);
    if (!info.isFile) throw new CommandError(`cannot read '${arg}': not a regular file`);
    if (info.size > MAX_IMPORT_BYTES) {
      throw new CommandError(`'${arg}' is too large (${info.size} bytes; the limit is ${LIMIT})`);
    }
    bytes = await Deno.readFile(path);
  }
  const name = arg === "-" ? "stdin" : arg;
  try {
    return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    throw new CommandError(`'${name}' is not UTF-8 text`);
  }
}

/** The import command. */
export const importCommand: Command = {
  name: "import",
  summary: "import Agent Trace records (a record, an array or JSONL) as sessions and links",
  usage: ["import <file|->"],
  async run(args, ctx) {
    const { positionals } = parseCommand("import", args, {}, { min: 1, max: 1 });
    const repo = await requireRepo(ctx.cwd);
    const { name, text } = await readInput(ctx, positionals[0]!);
    const records = parseTraceInput(text, name);
    const report = await importRecords(repo, records);
    const paint = await paintFor(ctx);
    const out: string[] = [];
    for (const id of report.created) out.push(`Imported session: ${paint("cyan", id)}`);
    for (const m of report.merged) {
      out.push(
        `Merged ${m.records} record${m.records === 1 ? "" : "s"} into existing session ${
          paint("cyan", shortId(m.id))
        } (its files are unchanged)`,
      );
    }
    for (const id of report.unchanged) {
      out.push(`Session ${shortId(id)} already has these records; nothing to do`);
    }
    if (report.linked.length) {
      out.push(
        `Linked to ${[...new Set(report.linked)].map((c) => paint("yellow", c)).join(", ")}`,
      );
    }
    await ctx.stdout.write(out.map((l) => l + "\n").join(""));
    for (const rev of report.notFound) {
      await ctx.stderr.write(`warning: ${rev} not found here; not linked\n`);
    }
    for (const why of report.skipped) await ctx.stderr.write(`warning: skipped ${why}\n`);
    const nothing = !report.created.length && !report.merged.length;
    return nothing && report.skipped.length ? 1 : 0;
  },
};
