/** `git atrace search <text>`: the sessions whose prompts, answers, tool calls or files hold it. */
import { parseCommand } from "../core/args.ts";
import type { Paint } from "../core/colors.ts";
import { UsageError } from "../core/errors.ts";
import { findIn, type SearchHit, searchMessage } from "../core/search.ts";
import { shortIds } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { listSessions, type SessionSummary } from "../io/store.ts";
import { adapterFor, readMessageBatches } from "../io/transcript_read.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** Hits shown per session (the count of the rest is given). */
const SHOWN = 5;

/** The search command. */
export const search: Command = {
  name: "search",
  summary: "find sessions by text in their prompts, answers, tool calls and file paths",
  usage: ["search <text> [--json]"],
  options: [["--json", "print the sessions and their hits as JSON"]],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("search", args, { json: { type: "boolean" } }, {
      min: 1,
    });
    const needle = positionals.join(" ").toLowerCase();
    if (!needle.trim()) throw new UsageError("empty search text", { cause: "search" });
    const repo = await requireRepo(ctx.cwd);
    const sessions = await listSessions(repo);
    const short = shortIds(sessions.map((s) => s.id));
    const found: { session: SessionSummary; hits: SearchHit[]; total: number }[] = [];
    for (const session of sessions) {
      const { hits, total } = await searchSession(session, needle);
      if (total) found.push({ session, hits, total });
    }
    if (values.json) {
      const json = found.map(({ session, hits, total }) => ({
        id: session.id,
        agent: session.meta?.agent ?? null,
        title: session.meta?.title ?? null,
        total,
        hits,
      }));
      await ctx.stdout.write(JSON.stringify(json) + "\n");
      return found.length ? 0 : 1;
    }
    const paint = await paintFor(ctx);
    const out = await pagedOutput(ctx);
    for (const { session, hits, total } of found) {
      const head = [paint("cyan", short(session.id)), session.meta?.agent, session.timestamp]
        .filter(Boolean).join("  ");
      await out.write(`${head}\n${hits.map((h) => `  ${renderHit(h, paint)}\n`).join("")}`);
      if (total > hits.length) await out.write(paint("dim", `  … ${total - hits.length} more\n`));
    }
    await out.close();
    // As git grep: exit 1 when nothing matched.
    return found.length ? 0 : 1;
  },
};

/** The first hits of one session (its files, then its messages, read as a stream) and their count. */
async function searchSession(
  session: SessionSummary,
  needle: string,
): Promise<{ hits: SearchHit[]; total: number }> {
  const hits: SearchHit[] = [];
  let total = 0;
  const add = (hit: SearchHit | null) => {
    if (!hit) return;
    total++;
    if (hits.length < SHOWN) hits.push(hit);
  };
  for (const file of session.fileList) add(findIn(file, needle, "file"));
  let n = 0;
  for await (const batch of readMessageBatches(session, adapterFor(session.meta), { skipped: 0 })) {
    for (const message of batch) add(searchMessage(message, ++n, needle));
  }
  return { hits, total };
}

function renderHit(hit: SearchHit, paint: Paint): string {
  const where = hit.message ? `${hit.where} #${hit.message}` : hit.where;
  const [a, b] = hit.at;
  const snippet = hit.snippet.slice(0, a) + paint("red", hit.snippet.slice(a, b)) +
    hit.snippet.slice(b);
  return `${paint("dim", `${where}:`)} ${snippet}`;
}
