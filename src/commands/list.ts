/** `git atrace list`: every session, most recent first. */
import { parseCommand } from "../core/args.ts";
import { listJson, renderList } from "../core/render_sessions.ts";
import { shortIds } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { listSessions } from "../io/store.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** The list command. */
export const list: Command = {
  name: "list",
  summary: "list sessions, most recent first (the default command)",
  usage: ["list [--json]"],
  options: [["--json", "print the sessions as JSON"]],
  async run(args, ctx) {
    const { values } = parseCommand("list", args, { json: { type: "boolean" } }, { max: 0 });
    const repo = await requireRepo(ctx.cwd);
    const rows = await listSessions(repo);
    if (values.json) {
      await ctx.stdout.write(JSON.stringify(listJson(rows)) + "\n");
      return 0;
    }
    const out = await pagedOutput(ctx);
    await out.write(renderList(rows, await paintFor(ctx), shortIds(rows.map((r) => r.id))));
    await out.close();
    return 0;
  },
};
