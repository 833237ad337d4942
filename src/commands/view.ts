/** `git atrace view <id>`: the whole conversation, streamed. */
import { parseCommand } from "../core/args.ts";
import { MessageRenderer } from "../core/render_messages.ts";
import { cutToWidth } from "../core/text_width.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { readMeta, resolveSession } from "../io/store.ts";
import { adapterFor, readMessageBatches, type ReadStats } from "../io/transcript_read.ts";
import { bufferedSink, pagedOutput, paintFor } from "../io/ui.ts";

/** How many columns of the title the header shows. */
const TITLE_COLUMNS = 60;

/** The view command. */
export const view: Command = {
  name: "view",
  summary: "show a session's conversation: prompts, answers, tool calls and diffs",
  usage: ["view <id> [--json]"],
  options: [["--json", "print the normalized messages as a JSON array"]],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("view", args, { json: { type: "boolean" } }, {
      min: 1,
      max: 1,
    });
    const repo = await requireRepo(ctx.cwd);
    const ref = await resolveSession(repo, positionals[0]!);
    const meta = await readMeta(ref);
    const stats: ReadStats = { skipped: 0 };
    const batches = readMessageBatches(ref, adapterFor(meta), stats);
    const out = bufferedSink(values.json ? ctx.stdout : await pagedOutput(ctx));
    const paint = await paintFor(ctx);
    let count = 0;
    if (values.json) {
      for await (const batch of batches) {
        const parts = batch.map((message) => (count++ ? ",\n" : "[\n") + JSON.stringify(message));
        await out.write(parts.join(""));
      }
      await out.write(count ? "\n]\n" : "[]\n");
    } else {
      const renderer = new MessageRenderer(paint, repo.root ?? meta?.cwd ?? "");
      const title = meta?.title ? `  ${paint("dim", cutToWidth(meta.title, TITLE_COLUMNS))}` : "";
      await out.write(`${paint("bold", "Session: ")}${paint("cyan", ref.id)}${title}\n\n`);
      for await (const batch of batches) {
        const blocks = batch.map((message) => renderer.render(message)).filter(Boolean);
        count += blocks.length;
        await out.write(blocks.join(""));
      }
      if (!count) await out.write("  (no conversation content found)\n");
    }
    await out.close();
    if (stats.skipped) {
      const file = `${ref.id}.jsonl`;
      await ctx.stderr.write(
        `warning: skipped ${stats.skipped} malformed line${
          stats.skipped === 1 ? "" : "s"
        } in ${file}\n`,
      );
    }
    return 0;
  },
};
