/** `git atrace show <file>`: the sessions that touched a file. */
import { isAbsolute } from "node:path";
import { parseCommand } from "../core/args.ts";
import { repoRelative } from "../core/paths.ts";
import { renderShow, showJson } from "../core/render_sessions.ts";
import { shortIds } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { requireWorkTree, resolveDirLinks, rootAliases } from "../io/repo.ts";
import { listSessions } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The show command. */
export const show: Command = {
  name: "show",
  summary: "list the sessions that touched a file",
  usage: ["show <file> [--json]"],
  options: [["--json", "print the sessions as JSON"]],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("show", args, { json: { type: "boolean" } }, {
      min: 1,
      max: 1,
    });
    const file = positionals[0]!;
    const repo = await requireWorkTree(ctx.cwd);
    const roots = await rootAliases(repo.root);
    const wanted = repoRelative(await resolveDirLinks(file, ctx.cwd), ctx.cwd, roots) ?? file;
    const all = await listSessions(repo);
    const rows = all.filter((row) =>
      row.fileList.some((f) =>
        f === wanted || (isAbsolute(f) && repoRelative(f, repo.root, roots) === wanted)
      )
    );
    if (values.json) await ctx.stdout.write(JSON.stringify(showJson(rows)) + "\n");
    else {await ctx.stdout.write(renderShow(
        file,
        rows,
        await paintFor(ctx),
        shortIds(all.map((r) => r.id)),
      ));}
    return 0;
  },
};
