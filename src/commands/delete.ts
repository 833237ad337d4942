/** `git atrace delete <id>`: removes a session (local copy first, then the shared one). */
import { parseCommand } from "../core/args.ts";
import { shortId } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { removeIfExists } from "../io/fs.ts";
import { readLinks, unlinkSession } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { hasSharedCopy, stagePaths } from "../io/share_dir.ts";
import { ALL_EXTENSIONS, resolveSession, sessionPath } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The delete command. */
export const del: Command = {
  name: "delete",
  summary: "delete a session (the local copy; again for the shared one)",
  usage: ["delete <id> [--unlink]"],
  options: [["--unlink", "also remove the session from the notes of the commits it is linked to"]],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("delete", args, { unlink: { type: "boolean" } }, {
      min: 1,
      max: 1,
    });
    const repo = await requireRepo(ctx.cwd);
    const ref = await resolveSession(repo, positionals[0]!);
    const paint = await paintFor(ctx);
    const paths = ALL_EXTENSIONS.map((ext) => sessionPath(ref.dir, ref.id, ext));
    for (const path of paths) await removeIfExists(path);
    if (ref.location === "shared" && repo.root !== null) {
      await stagePaths({ ...repo, root: repo.root }, paths);
      await ctx.stdout.write(
        `Deleted shared session: ${paint("green", shortId(ref.id))} (staged for commit)\n`,
      );
    } else {
      await ctx.stdout.write(`Deleted local session: ${paint("cyan", shortId(ref.id))}\n`);
    }
    const links = await readLinks(repo);
    const commits = [...links].filter(([, ids]) => ids.includes(ref.id)).map(([sha]) => sha);
    if (!commits.length) return 0;
    if (ref.location === "local" && await hasSharedCopy(repo, ref.id)) {
      // The session lives on in the shared directory, so its links are still right.
      await ctx.stderr.write(
        `hint: the shared copy and its links remain; run 'git atrace delete ${ref.id}' again\n`,
      );
      return 0;
    }
    if (values.unlink) {
      for (const commit of commits) await unlinkSession(repo, commit, ref.id);
      await ctx.stdout.write(
        `Unlinked from ${commits.length} commit${commits.length === 1 ? "" : "s"}: ${
          commits.map((c) => paint("yellow", c.slice(0, 7))).join(", ")
        }\n`,
      );
    } else {
      await ctx.stderr.write(
        `warning: still linked from ${
          commits.map((c) => c.slice(0, 7)).join(", ")
        }; run 'git atrace delete ${ref.id} --unlink' or 'git atrace unlink' to remove the links\n`,
      );
    }
    return 0;
  },
};
