/** Bench helpers: scratch repositories, timed runs of git-atrace and git, and a result table. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout being measured. */
export const PROJECT = dirname(dirname(fileURLToPath(import.meta.url)));

/** One measured figure. */
export interface Row {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
}

/** Runs a command and returns its wall time in milliseconds (throws on failure). */
export async function timed(
  cmd: string,
  args: string[],
  opts: { cwd: string; stdin?: string; okCodes?: number[] },
): Promise<number> {
  const start = performance.now();
  const child = new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  if (opts.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(opts.stdin));
    await writer.close();
  }
  const out = await child.output();
  const ms = performance.now() - start;
  if (!out.success && !opts.okCodes?.includes(out.code)) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return ms;
}

/** The argv prefix that runs git-atrace from this checkout. */
export function atraceArgs(args: string[]): [string, string[]] {
  return [Deno.execPath(), [
    "run",
    "-A",
    "--quiet",
    `--config=${join(PROJECT, "deno.json")}`,
    join(PROJECT, "main.ts"),
    ...args,
  ]];
}

/** Median of `runs` timings of `fn`, after one warm-up. */
export async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A scratch git repository under a temp dir, with one commit. */
export async function scratchRepo(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `atrace-bench-${prefix}-` });
  const git = (...args: string[]) => timed("git", args, { cwd: dir });
  await git("init", "-q", "-b", "main");
  await git(
    "-c",
    "user.name=Bench",
    "-c",
    "user.email=bench@example.com",
    "commit",
    "-q",
    "--allow-empty",
    "-m",
    "init",
  );
  return dir;
}

/** Formats rows as an aligned text table. */
export function table(rows: Row[]): string {
  const head = ["measure", "result", "goal", ""];
  const cells = [head, ...rows.map((r) => [r.name, r.value, r.goal, r.ok ? "ok" : "MISS"])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join(
    "\n",
  ) + "\n";
}
