/** `git atrace demo [<dir>]`: a scratch repository with a replayed Claude Code session. */
import { resolve } from "node:path";
import { parseCommand } from "../core/args.ts";
import { shortIds } from "../core/session_id.ts";
import type { Command } from "../io/context.ts";
import { createDemoRepo, demoDir, personFollowUp, replayDemoSession } from "../io/demo_repo.ts";
import { paintFor } from "../io/ui.ts";

/** The demo command. */
export const demo: Command = {
  name: "demo",
  summary: "create a scratch repository with a replayed Claude Code session to explore",
  usage: ["demo [<dir>]"],
  async run(args, ctx) {
    const { positionals } = parseCommand("demo", args, {}, { max: 1 });
    const dir = await demoDir(positionals[0] ? resolve(ctx.cwd, positionals[0]) : null);
    await createDemoRepo(dir);
    const { sessionId, commit } = await replayDemoSession(dir, ctx.now());
    await personFollowUp(dir);
    const paint = await paintFor(ctx);
    const id = shortIds([sessionId])(sessionId);
    await ctx.stdout.write([
      `Created a demo repository in ${paint("bold", dir)}`,
      `Replayed a Claude Code session ${
        paint("cyan", id)
      } through the hooks: a prompt, a new file,`,
      `two edits and a commit (${
        paint("yellow", commit.slice(0, 7))
      }) made by the agent, then a person's commit.`,
      "",
      "Next, try:",
      `  cd ${dir}`,
      "  git atrace list",
      `  git atrace view ${id}`,
      "  git atrace log",
      "  git atrace blame src/auth.py",
      "  git atrace why src/auth.py:15",
      "  git atrace web --open",
      "",
    ].join("\n"));
    return 0;
  },
};
