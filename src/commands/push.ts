/** `git atrace push [<remote>]`: pushes refs/notes/atrace and refs/notes/atrace-ranges. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { pushNotes, remoteFor } from "../io/sync.ts";

/** The push command. */
export const push: Command = {
  name: "push",
  summary: "push both notes refs to a remote (merging the remote's notes first when needed)",
  usage: ["push [<remote>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("push", args, {}, { max: 1 });
    const repo = await requireRepo(ctx.cwd);
    const remote = await remoteFor(repo, positionals[0]);
    for (const r of await pushNotes(repo, remote)) {
      const line = r.state === "pushed"
        ? `pushed ${r.ref} to ${remote}`
        : `${r.ref} is up to date on ${remote}`;
      await ctx.stdout.write(`${line}\n`);
    }
    return 0;
  },
};
