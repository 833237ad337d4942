/** `git atrace why <file>:<line>`: the commit, session, prompt, words and diff behind a line. */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import type { Message } from "../core/model.ts";
import { explain, type Explanation, renderWhy } from "../core/why.ts";
import { blameFile } from "../io/blame.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { readMeta, resolveSession } from "../io/store.ts";
import { adapterFor, readMessages } from "../io/transcript_read.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";
import { repoPath } from "./blame.ts";

/** The why command. */
export const why: Command = {
  name: "why",
  summary: "explain a line: its commit, session, prompt, the assistant's words and the diff",
  usage: ["why <file>:<line> [<rev>] [--json]"],
  options: [["--json", "print JSON"]],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("why", args, { json: { type: "boolean" } }, {
      min: 1,
      max: 2,
    });
    const match = /^(.+):(\d+)$/.exec(positionals[0]!);
    if (!match || Number(match[2]) < 1) {
      throw new UsageError(`expected <file>:<line>, got '${positionals[0]}'`, { cause: "why" });
    }
    const n = Number(match[2]);
    const repo = await requireRepo(ctx.cwd);
    const path = repoPath(repo.root, ctx.cwd, match[1]!);
    const [line] = await blameFile(repo, path, positionals[1], [n, n]);
    if (!line) throw new UsageError(`no line ${n} in '${path}'`, { cause: "why" });
    const session = line.sessions.find((s) => s.match === "range") ?? line.sessions[0] ?? null;
    let info: Explanation | null = null;
    let agent: string | null = null;
    if (session) {
      const ref = await resolveSession(repo, session.id).catch(() => null);
      if (ref) {
        const meta = await readMeta(ref);
        agent = meta?.agent ?? null;
        const messages: Message[] = [];
        for await (const m of readMessages(ref, adapterFor(meta), { skipped: 0 })) messages.push(m);
        info = explain(messages, session.toolCallIds ?? [], { path, content: line.content });
      }
    }
    if (values.json) {
      await ctx.stdout.write(
        JSON.stringify({
          path,
          line: n,
          content: line.content,
          commit: line.commit,
          session,
          sessions: line.sessions,
          agent,
          ...info,
        }) +
          "\n",
      );
      return 0;
    }
    const out = await pagedOutput(ctx);
    await out.write(renderWhy(`${path}:${n}`, line, session, info, await paintFor(ctx)));
    await out.close();
    return 0;
  },
};
