/** `git atrace backfill`: imports this repository's earlier sessions from the agents' own stores
 * and links them to the commits that hold their lines. */
import { adapterByName } from "../agents/registry.ts";
import { parseCommand } from "../core/args.ts";
import { renderBackfill } from "../core/backfill/render.ts";
import { UsageError } from "../core/errors.ts";
import type { AgentName } from "../core/model.ts";
import { parseSince } from "../io/backfill/since.ts";
import { progressLine, progressMode } from "../io/backfill/progress.ts";
import { backfill } from "../io/backfill/run.ts";
import { BACKFILL_AGENTS } from "../io/backfill/sessions.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { paintFor } from "../io/ui.ts";

/** The backfill command. */
export const backfillCommand: Command = {
  name: "backfill",
  summary: "import this repository's earlier sessions from the agents' own stores and link them",
  usage: ["backfill [-n] [--since <date>] [--agent <name>…] [--progress]"],
  options: [
    ["-n, --dry-run", "list the sessions and links it would add, change nothing"],
    ["--since <date>", "only sessions active since then (e.g. 2026-01-31, '2 weeks ago')"],
    ["--agent <name>", "only this agent's store (repeatable)"],
    ["--progress", "show progress on stderr even when it is not a terminal"],
  ],
  async run(args, ctx) {
    const { values } = parseCommand("backfill", args, {
      "dry-run": { type: "boolean", short: "n" },
      since: { type: "string" },
      agent: { type: "string", multiple: true },
      progress: { type: "boolean" },
    }, { max: 0 });
    const agents = values.agent?.map(agentOf) ?? null;
    const repo = await requireRepo(ctx.cwd);
    const since = values.since === undefined ? null : await parseSince(repo, values.since);
    const dryRun = values["dry-run"] === true;
    const report = await backfill(repo, {
      agents,
      since,
      dryRun,
      progress: progressLine(ctx.stderr, progressMode(values.progress === true)),
    });
    const short = await sessionShortIds(repo, report.sessions.map((s) => s.id));
    for (const s of report.sessions) {
      if (s.state === "failed") {
        await ctx.stderr.write(
          `warning: skipped ${s.agent} session ${short(s.id)}: transcript ${s.error}\n`,
        );
      }
    }
    const damaged = report.sessions.filter((s) => s.skipped > 0);
    if (damaged.length) {
      const lines = damaged.reduce((n, s) => n + s.skipped, 0);
      await ctx.stderr.write(
        `warning: skipped ${lines} malformed transcript line${
          lines === 1 ? "" : "s"
        } in ${damaged.length} session${damaged.length === 1 ? "" : "s"}\n`,
      );
    }
    const links = report.links.map((l) => ({
      commit: l.commit,
      sessionId: l.sessionId,
      lines: l.lines,
      changed: report.changed.has(`${l.commit} ${l.sessionId}`),
    }));
    await ctx.stdout.write(
      renderBackfill(report.sessions, links, dryRun, await paintFor(ctx), short),
    );
    return 0;
  },
};

function agentOf(name: string): AgentName {
  const agent = adapterByName(name)?.name;
  if (!agent || !BACKFILL_AGENTS.includes(agent)) {
    const known = BACKFILL_AGENTS.join(", ");
    throw new UsageError(`unknown agent '${name}' (known: ${known})`, { cause: "backfill" });
  }
  return agent;
}
