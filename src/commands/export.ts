/** `git atrace export <id|commit>`: Agent Trace 0.1.0 records (JSONL), or `--html` for one session. */
import { resolve } from "node:path";
import { serializeRecords } from "../core/agent_trace.ts";
import { parseCommand } from "../core/args.ts";
import { CommandError, SessionNotFound } from "../core/errors.ts";
import { resolveCommit } from "../io/commits.ts";
import type { Command, Context } from "../io/context.ts";
import { writeAtomic } from "../io/fs.ts";
import { loadDetector } from "../io/redacted_copy.ts";
import { requireRepo, rootAliases } from "../io/repo.ts";
import { sessionHtml } from "../io/session_html.ts";
import { resolveSession, type SessionRef } from "../io/store.ts";
import { commitRecords, redactRecords, sessionRecords } from "../io/trace_export.ts";

async function emit(ctx: Context, out: string | undefined, text: string, what: string) {
  if (out === undefined) {
    await ctx.stdout.write(text);
    return;
  }
  await writeAtomic(resolve(ctx.cwd, out), text);
  await ctx.stderr.write(`Wrote ${what} to ${out}\n`);
}

/** The export command. */
export const exportCommand: Command = {
  name: "export",
  summary: "export a session's or a commit's attribution as Agent Trace records (or --html)",
  usage: ["export <id|commit> [--out <file>]", "export --html <id> [--out <file>]"],
  options: [
    ["--out <file>", "write to a file instead of standard output"],
    ["--html", "one self-contained, redacted HTML page of the session's conversation"],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("export", args, {
      out: { type: "string" },
      html: { type: "boolean" },
    }, { min: 1, max: 1 });
    const target = positionals[0]!;
    const repo = await requireRepo(ctx.cwd);
    const detector = await loadDetector(repo);
    if (values.html) {
      const ref = await resolveSession(repo, target);
      const paths = { roots: repo.root ? await rootAliases(repo.root) : [], home: ctx.env("HOME") };
      await emit(ctx, values.out, await sessionHtml(ref, detector, paths), "the HTML page");
      return 0;
    }
    let ref: SessionRef | null = null;
    try {
      ref = await resolveSession(repo, target);
    } catch (err) {
      if (!(err instanceof SessionNotFound)) throw err;
    }
    let records;
    if (ref) {
      records = await sessionRecords(repo, ref);
    } else {
      const commit = await resolveCommit(repo, target).catch(() => {
        throw new CommandError(`session not found: '${target}' (nor a commit of that name)`);
      });
      records = await commitRecords(repo, commit);
      if (!records.length) {
        throw new CommandError(`no attribution recorded for commit '${commit.slice(0, 7)}'`);
      }
    }
    const redacted = await redactRecords(records, detector);
    const n = redacted.length;
    await emit(ctx, values.out, serializeRecords(redacted), `${n} record${n === 1 ? "" : "s"}`);
    return 0;
  },
};
