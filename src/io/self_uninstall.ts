/** `git atrace uninstall --self [--old]`: removes installed copies of git-atrace and their launchers. */
import { join, relative } from "node:path";
import { CommandError } from "../core/errors.ts";
import { LAUNCHERS } from "../core/launcher.ts";
import type { Context } from "./context.ts";
import { removeIfExists } from "./fs.ts";
import { copiesRoot, type InstalledCopy, listCopies, readLauncher } from "./install_copy.ts";

/** What to remove: every copy with its launchers and man page, or only the copies no launcher runs. */
export interface SelfUninstall {
  old: boolean;
  dryRun: boolean;
}

/** Removes copies (and, unless `old`, the launchers and man page); prints what it removed. */
export async function uninstallSelf(opts: SelfUninstall, ctx: Context): Promise<number> {
  const root = await copiesRoot();
  const copies = await listCopies(root);
  if (!copies.length) throw new CommandError(`no installed copy of git-atrace in '${root}'`);
  const launchers = await ourLaunchers(copies);
  const current = new Set(launchers.map((l) => l.copy));
  const doomed = opts.old ? copies.filter((c) => !current.has(c.dir)) : copies;
  const verb = opts.dryRun ? "would remove" : "removed";
  const say = (text: string) => ctx.stdout.write(`${verb} ${text}\n`);
  if (!doomed.length) {
    await ctx.stdout.write("no older copies of git-atrace to remove\n");
    return 0;
  }
  for (const copy of doomed) {
    if (!opts.dryRun) await Deno.remove(copy.dir, { recursive: true });
    await say(`git-atrace ${copy.version} (${copy.dir})`);
  }
  if (opts.old) return 0;
  for (const { path } of launchers) {
    if (!opts.dryRun) await removeIfExists(path);
    await say(path);
  }
  for (const man of new Set(copies.map((c) => c.man).filter((m): m is string => !!m))) {
    if (opts.dryRun || await removeIfExists(man)) await say(man);
  }
  if (!opts.dryRun) await Deno.remove(root, { recursive: true }).catch(() => {});
  return 0;
}

/** The launchers in the copies' bin directories that run one of the copies. */
async function ourLaunchers(copies: InstalledCopy[]) {
  const bins = new Set(copies.map((c) => c.bin).filter((b): b is string => !!b));
  const names = LAUNCHERS.flatMap(({ name }) => [name, `${name}.cmd`]);
  const found: { path: string; copy: string }[] = [];
  for (const bin of bins) {
    for (const name of names) {
      const path = join(bin, name);
      const launcher = await readLauncher(path);
      const copy = launcher &&
        copies.find((c) => !relative(c.dir, launcher.target).startsWith(".."));
      if (copy) found.push({ path, copy: copy.dir });
    }
  }
  return found;
}
