/** `git atrace summary [<range>]`: a branch's attribution for its pull request (Markdown, JSON or
 * HTML): per commit, per file and per session, with each session's first prompt, redacted. */
import { resolve } from "node:path";
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import { renderHtml } from "../core/summary/html.ts";
import { renderMarkdown } from "../core/summary/markdown.ts";
import type { Command } from "../io/context.ts";
import { loadDetector } from "../io/redacted_copy.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { collectSummary } from "../io/summary/collect.ts";
import { resolveRange } from "../io/summary/range.ts";

/** The summary command. */
export const summary: Command = {
  name: "summary",
  summary: "summarise a branch's agent attribution for its pull request (Markdown, --json, --html)",
  usage: ["summary [<range>] [--json | --html] [--pages <dir>]"],
  options: [
    ["<range>", "A..B, A...B or A (= A..HEAD); default: the branch against its upstream or main"],
    ["--json", "print JSON"],
    ["--html", "print one self-contained HTML page"],
    ["--pages <dir>", "also write each shared session's page (as export --html) into <dir>"],
  ],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("summary", args, {
      json: { type: "boolean" },
      html: { type: "boolean" },
      pages: { type: "string" },
    }, { max: 1 });
    if (values.json && values.html) {
      throw new UsageError("--json and --html cannot be used together", { cause: "summary" });
    }
    const repo = await requireRepo(ctx.cwd);
    const range = await resolveRange(repo, positionals[0]);
    const pages = values.pages === undefined
      ? null
      : { dir: resolve(ctx.cwd, values.pages), shown: values.pages };
    const result = await collectSummary(repo, range, { detector: await loadDetector(repo), pages });
    const short = await sessionShortIds(repo, result.sessions.map((s) => s.id));
    await ctx.stdout.write(
      values.json
        ? JSON.stringify(result, null, 2) + "\n"
        : values.html
        ? renderHtml(result, short)
        : renderMarkdown(result, short),
    );
    return 0;
  },
};
