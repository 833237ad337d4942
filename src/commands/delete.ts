/** `git atrace delete <id>`: removes a session (local copy first, then the shared one). */
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import { confirm } from "../io/confirm.ts";
import type { Command } from "../io/context.ts";
import { removeIfExists } from "../io/fs.ts";
import { readLinks, unlinkSession } from "../io/notes.ts";
import { requireRepo } from "../io/repo.ts";
import { hasSharedCopy, stagePaths } from "../io/share_dir.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { ALL_EXTENSIONS, resolveSession, sessionPath } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The delete command. */
export const del: Command = {
  name: "delete",
  summary: "delete a session (the local copy; again for the shared one)",
  usage: ["delete <id> [--unlink] [--force]"],
  options: [
    ["--unlink", "also remove the session from the notes of the commits it is linked to"],
    [
      "-f, --force",
      "delete a session that has no shared copy without asking (it cannot be undone)",
    ],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("delete", args, {
      unlink: { type: "boolean" },
      force: { type: "boolean", short: "f" },
    }, { min: 1, max: 1 });
    const repo = await requireRepo(ctx.cwd);
    const ref = await resolveSession(repo, positionals[0]!);
    const [paint, short] = await Promise.all([paintFor(ctx), sessionShortIds(repo)]);
    const onlyCopy = ref.location === "local" && !(await hasSharedCopy(repo, ref.id));
    if (onlyCopy && !values.force) {
      const what = `session '${short(ref.id)}' exists only here (no shared copy)`;
      if (!ctx.stdinIsTerminal) {
        throw new CommandError(`${what}: deleting it cannot be undone; pass --force to delete it`);
      }
      if (!(await confirm(ctx, `Delete ${what}? This cannot be undone.`))) {
        throw new CommandError("not deleted");
      }
    }
    const paths = ALL_EXTENSIONS.map((ext) => sessionPath(ref.dir, ref.id, ext));
    for (const path of paths) await removeIfExists(path);
    if (ref.location === "shared" && repo.root !== null) {
      await stagePaths({ ...repo, root: repo.root }, paths);
      await ctx.stdout.write(
        `Deleted shared session: ${paint("green", short(ref.id))} (staged for commit)\n`,
      );
    } else {
      await ctx.stdout.write(`Deleted local session: ${paint("cyan", short(ref.id))}\n`);
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
