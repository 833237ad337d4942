/** `git atrace blame <file> [<rev>] [-L a,b] [--json]`: per line, its commit and the sessions that wrote it. */
import { relative, resolve } from "node:path";
import { parseCommand } from "../core/args.ts";
import { UsageError } from "../core/errors.ts";
import { renderBlame } from "../core/render_blame.ts";
import { blameAt } from "../io/blame.ts";
import type { Command } from "../io/context.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** The blame command. */
export const blame: Command = {
  name: "blame",
  summary: "show, per line of a file, its commit and the sessions that wrote it",
  usage: ["blame <file> [<rev>] [-L <start>,<end>] [-M] [-C] [--json]"],
  options: [
    ["-L <start>,<end>", "only these lines"],
    [
      "-M, -C",
      "follow lines moved within the file (-M) or from other files (-C): always on, as is -w",
    ],
    ["--json", "print JSON"],
  ],
  async run(args, ctx) {
    const { positionals, values } = parseCommand("blame", args, {
      L: { type: "string", short: "L" },
      M: { type: "boolean", short: "M" },
      C: { type: "boolean", short: "C" },
      json: { type: "boolean" },
    }, { min: 1, max: 2 });
    const range = values.L === undefined ? undefined : parseRange(values.L);
    const path = positionals[0]!;
    const [lines, paint] = await Promise.all([
      blameAt(ctx.cwd, path, positionals[1], range),
      values.json ? null : paintFor(ctx),
    ]);
    if (values.json || !paint) {
      await ctx.stdout.write(JSON.stringify(lines, null, 2) + "\n");
      return 0;
    }
    const out = await pagedOutput(ctx);
    await out.write(renderBlame(path, lines, paint));
    await out.close();
    return 0;
  },
};

/** `a,b` as a line range. */
function parseRange(text: string): [number, number] {
  const match = /^(\d+),(\d+)$/.exec(text);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1])) {
    throw new UsageError(`invalid line range '${text}': use <start>,<end>`, { cause: "blame" });
  }
  return [Number(match[1]), Number(match[2])];
}

/** A user's path (relative to `cwd`) as a repo-relative path. */
export function repoPath(root: string | null, cwd: string, path: string): string {
  if (root === null) return path;
  return relative(root, resolve(cwd, path)).replaceAll("\\", "/");
}
