/** `git atrace link <id> [<commit>]`: records that a session contributed to a commit. */
import { parseCommand } from "../core/args.ts";
import { shortId } from "../core/session_id.ts";
import { resolveCommit } from "../io/commits.ts";
import type { Command } from "../io/context.ts";
import { addLink } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { resolveSession } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The link command. */
export const link: Command = {
  name: "link",
  summary: "link a session to a commit (default HEAD) in refs/notes/atrace",
  usage: ["link <id> [<commit>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("link", args, {}, { min: 1, max: 2 });
    const repo = await requireRepo(ctx.cwd);
    const commit = await resolveCommit(repo, positionals[1] ?? "HEAD");
    const ref = await resolveSession(repo, positionals[0]!);
    const paint = await paintFor(ctx);
    if (!(await addLink(repo, commit, ref.id))) {
      await ctx.stdout.write("Session already linked to this commit\n");
      return 0;
    }
    await ctx.stdout.write(
      `Linked ${paint("cyan", shortId(ref.id))} to commit ${paint("yellow", commit.slice(0, 7))}\n`,
    );
    return 0;
  },
};
