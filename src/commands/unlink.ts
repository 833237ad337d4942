/** `git atrace unlink <id> [<commit>]`: removes a session's link from a commit (default HEAD). */
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import { resolvePrefix, shortIds } from "../core/session_id.ts";
import { resolveCommit } from "../io/commits.ts";
import type { Command } from "../io/context.ts";
import { readLinks, unlinkSession } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { listIds, localDir, sharedDir } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The unlink command. */
export const unlink: Command = {
  name: "unlink",
  summary: "remove a session's link from a commit (default HEAD)",
  usage: ["unlink <id> [<commit>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("unlink", args, {}, { min: 1, max: 2 });
    const repo = await requireRepo(ctx.cwd);
    const commit = await resolveCommit(repo, positionals[1] ?? "HEAD");
    const linked = (await readLinks(repo)).get(commit) ?? [];
    const shared = await sharedDir(repo);
    const known = [
      ...linked,
      ...await listIds(localDir(repo)),
      ...(shared ? await listIds(shared) : []),
    ];
    const id = resolvePrefix(positionals[0]!, known);
    const paint = await paintFor(ctx);
    const short = shortIds(known);
    if (!(await unlinkSession(repo, commit, id))) {
      throw new CommandError(
        `session '${short(id)}' is not linked to commit '${commit.slice(0, 7)}'`,
      );
    }
    await ctx.stdout.write(
      `Unlinked ${paint("cyan", short(id))} from commit ${paint("yellow", commit.slice(0, 7))}\n`,
    );
    return 0;
  },
};
