/** `git atrace repair [<range>]`: moves notes of commits that left history to the commits holding their lines. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { logHookFailure } from "../io/hook_log.ts";
import { readLimited } from "../io/input.ts";
import { findRepo, requireRepo } from "../io/repo.ts";
import { normalizeLinks, relocateRecords, repairNotes } from "../io/rewrite.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { paintFor } from "../io/ui.ts";

/** The repair command. */
export const repair: Command = {
  name: "repair",
  summary:
    "re-attach notes of squashed or rebased-away commits to the commits that hold their lines",
  usage: ["repair [-n] [<range>]", "repair --post-rewrite <amend|rebase>"],
  options: [
    ["<range>", "where to look for the new commits (default HEAD)"],
    ["-n, --dry-run", "report what would move without writing notes"],
    ["--post-rewrite", "relocate ranges of rewritten commits read from stdin (git hook)"],
  ],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("repair", args, {
      "post-rewrite": { type: "boolean" },
      "dry-run": { type: "boolean", short: "n" },
    }, { max: 1 });
    if (values["post-rewrite"]) {
      const repo = await findRepo(ctx.cwd);
      if (!repo) return 0;
      try {
        const text = ctx.stdinIsTerminal ? "" : await readLimited(ctx.stdin, 16 << 20) ?? "";
        const rewritten = text.split("\n").map((l) => l.split(" ")[1]).filter((c): c is string =>
          !!c && /^[0-9a-f]{40}$/.test(c)
        );
        await normalizeLinks(repo, [...new Set(rewritten)]);
        await relocateRecords(repo, [...new Set(rewritten)]);
      } catch (err) {
        await logHookFailure(
          repo,
          "post-rewrite",
          err instanceof Error ? err.message : String(err),
        );
      }
      return 0;
    }
    const repo = await requireRepo(ctx.cwd);
    const paint = await paintFor(ctx);
    const dryRun = values["dry-run"] === true;
    const moves = await repairNotes(repo, positionals[0] ?? "HEAD", dryRun);
    if (!moves.length) {
      await ctx.stdout.write("Nothing to repair: every noted commit is still in history\n");
      return 0;
    }
    const short = await sessionShortIds(repo, moves.flatMap((m) => m.sessions));
    for (const m of moves) {
      const ids = m.sessions.map((s) => paint("cyan", short(s))).join(", ");
      if (m.to) {
        const partial = m.lost
          ? paint("yellow", ` (${m.lost} line${m.lost === 1 ? "" : "s"} not found again)`)
          : "";
        await ctx.stdout.write(
          `${dryRun ? "would move" : "moved "} ${paint("yellow", m.from.slice(0, 7))} -> ${
            paint("yellow", m.to.slice(0, 7))
          } by ${m.by}: ${ids}${partial}\n`,
        );
      } else {
        await ctx.stdout.write(
          `${dryRun ? "would keep" : "kept  "} ${
            paint("yellow", m.from.slice(0, 7))
          }: no commit in range holds its changes (${ids})\n`,
        );
      }
    }
    return 0;
  },
};
