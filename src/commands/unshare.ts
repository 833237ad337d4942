/** `git atrace unshare <id>`: removes a session's shared copy (keeping or restoring the private one). */
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import type { Command } from "../io/context.ts";
import { requireWorkTree } from "../io/repo.ts";
import { stagePaths, takeBack } from "../io/share_dir.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { listIds, localDir, resolveSession, sharedDir } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The unshare command. */
export const unshare: Command = {
  name: "unshare",
  summary: "remove a session from the shared directory (the private copy stays)",
  usage: ["unshare <id>"],
  async run(args, ctx) {
    const { positionals } = parseCommand("unshare", args, {}, { min: 1, max: 1 });
    const repo = await requireWorkTree(ctx.cwd);
    const dir = await sharedDir(repo);
    const ref = await resolveSession(repo, positionals[0]!);
    const short = await sessionShortIds(repo);
    if (!dir || !(await listIds(dir)).has(ref.id)) {
      throw new CommandError(`session '${short(ref.id)}' is not shared`);
    }
    const removed = await takeBack(dir, localDir(repo), ref.id);
    await stagePaths(repo, removed);
    const paint = await paintFor(ctx);
    await ctx.stdout.write(
      `Unshared session: ${
        paint("cyan", short(ref.id))
      } (removal staged for commit; private copy kept)\n`,
    );
    return 0;
  },
};
