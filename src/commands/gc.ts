/** `git atrace gc`: prunes old local sessions that are neither shared nor linked to a commit. */
import { formatBytes, parseAge } from "../core/age.ts";
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { type GcSession, gcSessions, pruneSession } from "../io/gc.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { paintFor } from "../io/ui.ts";

const DEFAULT_AGE = "30d";

/** The gc command. */
export const gc: Command = {
  name: "gc",
  summary: "prune old local sessions that are not shared or linked; report the store's size",
  usage: ["gc [--older-than <age>] [--dry-run]"],
  options: [
    [
      "--older-than <age>",
      `last activity before this age: 30d, 2w, 12h, 90m or now (default ${DEFAULT_AGE})`,
    ],
    ["--dry-run", "list what would be removed and remove nothing"],
  ],
  async run(args, ctx) {
    const { values } = parseCommand("gc", args, {
      "older-than": { type: "string" },
      "dry-run": { type: "boolean" },
    }, { max: 0 });
    const age = parseAge(values["older-than"] ?? DEFAULT_AGE);
    const repo = await requireRepo(ctx.cwd);
    const paint = await paintFor(ctx);
    const [sessions, short] = await Promise.all([gcSessions(repo), sessionShortIds(repo)]);
    const cutoff = ctx.now().getTime() - age;
    const dry = values["dry-run"] === true;
    const prune: GcSession[] = [];
    for (const s of sessions) {
      if (s.keep !== null || s.mtime > cutoff) continue;
      if (dry || await pruneSession(repo, s.id, cutoff)) prune.push(s);
    }
    const total = sessions.reduce((n, s) => n + s.bytes, 0);
    const freed = prune.reduce((n, s) => n + s.bytes, 0);
    const lines: string[] = [];
    for (const s of prune) {
      lines.push(
        `${dry ? "Would remove" : "Removed"} ${paint("cyan", short(s.id))}  ${
          formatBytes(s.bytes)
        }  ${new Date(s.mtime).toISOString().replace(/\.\d+Z$/, "Z")}`,
      );
    }
    const kept = sessions.length - prune.length;
    const n = prune.length;
    lines.push(
      `${dry ? "Would prune" : "Pruned"} ${n} session${n === 1 ? "" : "s"} (${
        formatBytes(freed)
      }); kept ${kept} (shared, linked or newer).`,
    );
    const after = dry ? total : total - freed;
    const left = sessions.length - (dry ? 0 : n);
    lines.push(`Store: ${left} session${left === 1 ? "" : "s"}, ${formatBytes(after)}.`);
    await ctx.stdout.write(lines.map((l) => l + "\n").join(""));
    return 0;
  },
};
