/** `git atrace link <id> [<commit>]`: records that a session contributed to a commit. */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import { linkSession } from "../io/attribution.ts";
import { linkFromEnv } from "../io/autolink.ts";
import { resolveCommit } from "../io/commits.ts";
import type { Command } from "../io/context.ts";
import { logHookFailure } from "../io/hook_log.ts";
import { findRepo, requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { resolveSession } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The link command. */
export const link: Command = {
  name: "link",
  summary: "link a session to a commit (default HEAD) and record the lines it wrote",
  usage: ["link <id> [<commit>]", "link --post-commit"],
  options: [["--post-commit", "link HEAD to the agent session whose shell committed (git hook)"]],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("link", args, {
      "post-commit": { type: "boolean" },
    }, { max: 2 });
    if (values["post-commit"]) {
      const repo = await findRepo(ctx.cwd);
      if (repo) {
        await linkFromEnv(repo, ctx.env, ctx.now()).catch((err) =>
          logHookFailure(repo, "post-commit", err instanceof Error ? err.message : String(err))
        );
      }
      return 0;
    }
    if (!positionals.length) throw new UsageError("missing argument", { cause: "link" });
    const repo = await requireRepo(ctx.cwd);
    const commit = await resolveCommit(repo, positionals[1] ?? "HEAD");
    const ref = await resolveSession(repo, positionals[0]!);
    const [paint, short] = await Promise.all([paintFor(ctx), sessionShortIds(repo)]);
    const result = await linkSession(repo, commit, ref);
    const lines = result.lines
      ? ` (${result.lines} line${result.lines === 1 ? "" : "s"})`
      : " (no lines match)";
    if (!result.added) {
      await ctx.stdout.write(`Session already linked to this commit${lines}\n`);
    } else {
      await ctx.stdout.write(
        `Linked ${paint("cyan", short(ref.id))} to commit ${
          paint("yellow", commit.slice(0, 7))
        }${lines}\n`,
      );
    }
    if (!result.lines) {
      await ctx.stderr.write(
        `warning: no line of commit ${commit.slice(0, 7)} matches an edit recorded in session '${
          short(ref.id)
        }': it is linked to the commit as a whole (blame shows '~${short(ref.id)}')\n`,
      );
    }
    return 0;
  },
};
