/** `git atrace blame [<options>] [<rev>] [--] <file>`: git blame with the sessions that wrote each line. */
import { relative, resolve } from "node:path";
import { parseCommand } from "../core/args.ts";
import { parseBlameDetails } from "../core/blame_porcelain.ts";
import { UsageError } from "../core/errors.ts";
import { annotatePorcelain, blameJson, renderBlame } from "../core/render_blame.ts";
import { blameDetailed } from "../io/blame.ts";
import type { Command } from "../io/context.ts";
import { statOrNull } from "../io/fs.ts";
import { requireRepo } from "../io/repo.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { pagedOutput, paintFor } from "../io/ui.ts";

/** `-M`/`-C` with a score (`-C50`): node's parser cannot declare them, so they are taken out first. */
const SCORED_MOVE = /^-[MC]\d+$/;

/** The blame command. */
export const blame: Command = {
  name: "blame",
  summary: "git blame with the sessions that wrote each line",
  usage: [
    "blame [-L <range>]… [-w] [-M] [-C] [-s] [-e] [-l] [-n] [-f] [--root] [<rev>] [--] <file>",
    "blame … (--porcelain | --line-porcelain | --json)",
  ],
  options: [
    ["-L <start>,<end>, -L <start>,+<n>, -L :<funcname>", "only these lines (git's -L forms)"],
    [
      "-w, -M, -C",
      "ignore whitespace (-w), follow lines moved within the file (-M) or from other files (-C); without any of them: -w -M40 -C40",
    ],
    ["-s, -e, -l, -n, -f", "no author/date, email, long ids, original line numbers, file names"],
    ["--root", "do not mark root commits as boundaries (^)"],
    [
      "--porcelain",
      "git's porcelain with an 'atrace-session <id> <range|commit>' header per session",
    ],
    ["--line-porcelain", "the same with every commit header on every line"],
    ["--json", "print JSON: each line with commit, author, date, sessions and attribution"],
  ],
  async run(args, ctx) {
    const dash = args.indexOf("--");
    const head = dash < 0 ? args : args.slice(0, dash);
    const scored = head.filter((a) => SCORED_MOVE.test(a));
    const { positionals, values } = parseCommand(
      "blame",
      head.filter((a) => !SCORED_MOVE.test(a)),
      {
        L: { type: "string", short: "L", multiple: true },
        w: { type: "boolean", short: "w" },
        M: { type: "boolean", short: "M", multiple: true },
        C: { type: "boolean", short: "C", multiple: true },
        s: { type: "boolean", short: "s" },
        e: { type: "boolean", short: "e" },
        l: { type: "boolean", short: "l" },
        n: { type: "boolean", short: "n" },
        f: { type: "boolean", short: "f" },
        root: { type: "boolean" },
        porcelain: { type: "boolean" },
        "line-porcelain": { type: "boolean" },
        json: { type: "boolean" },
      },
      { max: 2 },
    );
    const { file, rev } = await operands(
      positionals,
      dash < 0 ? null : args.slice(dash + 1),
      ctx.cwd,
    );
    const porcelain = values.porcelain || values["line-porcelain"];
    if (porcelain && values.json) {
      throw new UsageError("--porcelain and --json cannot be used together", { cause: "blame" });
    }
    const flags = [
      ...(values.w ? ["-w"] : []),
      ...(values.M ?? []).map(() => "-M"),
      ...(values.C ?? []).map(() => "-C"),
      ...scored,
      ...(values.root ? ["--root"] : []),
    ];
    const repo = await requireRepo(ctx.cwd);
    const { lines, porcelain: text } = await blameDetailed(ctx.cwd, file, {
      ...(rev === undefined ? {} : { rev }),
      ranges: values.L ?? [],
      flags,
      repo,
      context: !porcelain,
      linePorcelain: values["line-porcelain"] === true,
    });
    if (porcelain) {
      await ctx.stdout.write(annotatePorcelain(text, lines));
      return 0;
    }
    const details = parseBlameDetails(text);
    if (values.json) {
      await ctx.stdout.write(JSON.stringify(blameJson(lines, details), null, 2) + "\n");
      return 0;
    }
    const [paint, short] = await Promise.all([
      paintFor(ctx),
      sessionShortIds(repo, lines.flatMap((l) => l.sessions.map((s) => s.id))),
    ]);
    const format = {
      showName: values.f === true,
      showNumber: values.n === true,
      suppress: values.s === true,
      email: values.e === true,
      long: values.l === true,
    };
    const out = await pagedOutput(ctx);
    await out.write(
      renderBlame(repoPath(repo.root, ctx.cwd, file), lines, details, format, short, paint),
    );
    await out.close();
    return 0;
  },
};

/**
 * The file and revision, as git blame takes them: `<rev> -- <file>`, `<file>`, and of two words
 * `<rev> <file>` when only the second is a path here, else `<file> <rev>` (git's older order).
 */
async function operands(
  positionals: string[],
  afterDash: string[] | null,
  cwd: string,
): Promise<{ file: string; rev?: string }> {
  if (afterDash !== null) {
    if (afterDash.length !== 1 || positionals.length > 1) {
      throw new UsageError("expected [<rev>] -- <file>", { cause: "blame" });
    }
    return {
      file: afterDash[0]!,
      ...(positionals[0] === undefined ? {} : { rev: positionals[0] }),
    };
  }
  const [first, second] = positionals;
  if (first === undefined) throw new UsageError("missing argument", { cause: "blame" });
  if (second === undefined) return { file: first };
  const exists = async (p: string) => (await statOrNull(resolve(cwd, p))) !== null;
  if (!(await exists(first)) && await exists(second)) return { file: second, rev: first };
  return { file: first, rev: second };
}

/** A user's path (relative to `cwd`) as a repo-relative path. */
export function repoPath(root: string | null, cwd: string, path: string): string {
  if (root === null) return path;
  return relative(root, resolve(cwd, path)).replaceAll("\\", "/");
}
