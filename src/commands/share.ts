/** `git atrace share <id>`: copies a session into the shared directory and stages only its files. */
import { relative } from "node:path";
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import { shortId } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { statOrNull, writeAtomic } from "../io/fs.ts";
import { requireWorkTree } from "../io/repo.ts";
import { isIgnored, stagePaths } from "../io/share_dir.ts";
import { EXTENSIONS, resolveSession, sessionPath, sharedDir } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

const NO_SHARE_DIR = `no share directory configured

Either:
  git config atrace.sharedir .trace/sessions

Or create a .agents/ directory and sessions will go there.`;

/** The share command. */
export const share: Command = {
  name: "share",
  summary: "copy a session into the shared directory and stage it",
  usage: ["share <id>"],
  async run(args, ctx) {
    const { positionals } = parseCommand("share", args, {}, { min: 1, max: 1 });
    const repo = await requireWorkTree(ctx.cwd);
    const dir = await sharedDir(repo);
    if (!dir) throw new CommandError(NO_SHARE_DIR);
    const ref = await resolveSession(repo, positionals[0]!);
    const paint = await paintFor(ctx);
    if (ref.location === "shared") {
      await ctx.stdout.write(`Session already shared: ${shortId(ref.id)}\n`);
      return 0;
    }
    if (await isIgnored(repo, sessionPath(dir, ref.id, ".jsonl"))) {
      throw new CommandError(
        `the share directory '${
          relative(repo.root, dir)
        }' is ignored by git; change .gitignore or atrace.sharedir`,
      );
    }
    await Deno.mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const ext of EXTENSIONS) {
      const source = sessionPath(ref.dir, ref.id, ext);
      if (!(await statOrNull(source))?.isFile) continue;
      const dest = sessionPath(dir, ref.id, ext);
      await writeAtomic(dest, await Deno.readFile(source));
      written.push(dest);
    }
    await stagePaths(repo, written);
    await ctx.stdout.write(`${paint("green", `Shared session: ${ref.id}`)}\n`);
    await ctx.stdout.write(`Files copied to ${dir} and staged for commit.\n`);
    return 0;
  },
};
