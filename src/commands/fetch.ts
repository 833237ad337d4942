/** `git atrace fetch [<remote>]`: fetches both notes refs and merges them into the local notes. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { fetchNotes, remoteFor } from "../io/sync.ts";

/** The fetch command. */
export const fetch: Command = {
  name: "fetch",
  summary: "fetch both notes refs from a remote and merge them into local notes",
  usage: ["fetch [<remote>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("fetch", args, {}, { max: 1 });
    const repo = await requireRepo(ctx.cwd);
    const remote = await remoteFor(repo, positionals[0]);
    for (const r of await fetchNotes(repo, remote)) {
      const what = r.state === "absent" ? `${remote} has no ${r.ref}` : `${r.state} ${r.ref}`;
      await ctx.stdout.write(`${what}\n`);
    }
    return 0;
  },
};
