/** `git atrace files <id>`: the files a session touched. */
import { parseCommand } from "../core/args.ts";
import { plainText } from "../core/colors.ts";
import { renderFiles } from "../core/render_sessions.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { readFileList, resolveSession } from "../io/store.ts";
import { paintFor } from "../io/ui.ts";

/** The files command. */
export const files: Command = {
  name: "files",
  summary: "list the files a session touched",
  usage: ["files <id> [--json]"],
  options: [["--json", "print the paths as a JSON array"]],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("files", args, { json: { type: "boolean" } }, {
      min: 1,
      max: 1,
    });
    const repo = await requireRepo(ctx.cwd);
    const ref = await resolveSession(repo, positionals[0]!);
    const paths = await readFileList(ref);
    if (values.json) await ctx.stdout.write(JSON.stringify(paths) + "\n");
    else {await ctx.stdout.write(renderFiles(
        ref,
        paths.map(plainText),
        await paintFor(ctx),
        await sessionShortIds(repo),
      ));}
    return 0;
  },
};
