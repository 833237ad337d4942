/** `git atrace web`: serves the repository's sessions, blame and commits to a local browser. */
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import type { Command } from "../io/context.ts";
import { requireRepo } from "../io/repo.ts";
import { openBrowser, untilInterrupted } from "../io/web_process.ts";
import { newToken, startWebServer } from "../web/server.ts";

/** The web command. */
export const web: Command = {
  name: "web",
  summary: "browse sessions, blame and commits in a local web page (127.0.0.1 only)",
  usage: ["web [--port <n>] [--open] [--no-token]"],
  options: [
    ["--port <n>", "listen on this port (default: a free one)"],
    ["--open", "open the page in the default browser"],
    ["--no-token", "do not require the random token (any local program can then read sessions)"],
  ],
  async run(args, ctx) {
    const { values } = parseCommand("web", args, {
      port: { type: "string" },
      open: { type: "boolean" },
      "no-token": { type: "boolean" },
    }, { max: 0 });
    const port = parsePort(values.port);
    const repo = await requireRepo(ctx.cwd);
    const server = await startWebServer(repo, {
      port,
      token: values["no-token"] ? null : newToken(),
    });
    await ctx.stdout.write(`git atrace web: serving ${repo.root ?? repo.commonDir}\n`);
    await ctx.stdout.write(`${server.url}\n`);
    if (values.open && !(await openBrowser(server.url))) {
      await ctx.stderr.write("warning: could not open a browser; open the URL above\n");
    }
    await ctx.stderr.write("press Ctrl-C to stop\n");
    await Promise.race([untilInterrupted(), server.finished]);
    await server.shutdown();
    return 0;
  },
};

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`invalid port '${value}'`, { cause: "web" });
  }
  return Number(value);
}
