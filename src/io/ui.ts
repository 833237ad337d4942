/** Terminal output: stdout/stderr sinks, colour decisions and git's pager. */
import { type Paint, painter } from "../core/colors.ts";
import type { Context, Sink } from "./context.ts";
import { gitRaw } from "./git.ts";

const encoder = new TextEncoder();

/** A Sink over one of the process's standard streams; a closed reader ends writing quietly. */
export function streamSink(stream: WritableStream<Uint8Array>): Sink {
  const writer = stream.getWriter();
  let broken = false;
  return {
    async write(text) {
      if (broken || text === "") return;
      try {
        await writer.write(encoder.encode(text));
      } catch (err) {
        if (!(err instanceof Deno.errors.BrokenPipe)) throw err;
        broken = true;
      }
    },
    async close() {
      writer.releaseLock();
      await Promise.resolve();
    },
  };
}

/** Whether to colour stdout: --color/--no-color, then NO_COLOR, then `color.ui`, then a terminal check. */
async function colorEnabled(ctx: Context): Promise<boolean> {
  const flag = ctx.globals.color;
  if (flag === "always") return true;
  if (flag === "never") return false;
  if (ctx.env("NO_COLOR")) return false;
  const ui = flag ? "" : await gitConfig(ctx.cwd, "color.ui");
  if (ui === "always") return true;
  if (ui === "never" || ui === "false") return false;
  return ctx.stdoutIsTerminal && ctx.env("TERM") !== "dumb";
}

/** The Paint function for this command's stdout. */
export async function paintFor(ctx: Context): Promise<Paint> {
  return painter(await colorEnabled(ctx));
}

async function gitConfig(cwd: string, key: string): Promise<string> {
  const result = await gitRaw(["config", "--get", key], { cwd }).catch(() => null);
  return result?.stdout.trim().toLowerCase() ?? "";
}

/** Stdout for long output: git's pager on a terminal (unless --no-pager), else plain stdout. */
export async function pagedOutput(ctx: Context): Promise<Sink> {
  if (!ctx.stdoutIsTerminal || !ctx.globals.pager || ctx.env("GIT_PAGER_IN_USE")) {
    return ctx.stdout;
  }
  const result = await gitRaw(["var", "GIT_PAGER"], { cwd: ctx.cwd }).catch(() => null);
  const pager = result?.stdout.trim() ?? "";
  if (pager === "" || pager === "cat") return ctx.stdout;
  const child = new Deno.Command("sh", {
    args: ["-c", pager],
    cwd: ctx.cwd,
    stdin: "piped",
    stdout: "inherit",
    stderr: "inherit",
    env: {
      LESS: ctx.env("LESS") ?? "FRX",
      LV: ctx.env("LV") ?? "-c",
      GIT_PAGER_IN_USE: "true",
    },
  }).spawn();
  const sink = streamSink(child.stdin);
  return {
    write: sink.write,
    async close() {
      await sink.close();
      await child.stdin.close().catch(() => {});
      await child.status;
    },
  };
}

/** Batches small writes (flushing at 64 KiB, or when 50 ms have passed) so big outputs are not one syscall per line. */
export function bufferedSink(sink: Sink, limit = 64 * 1024, maxDelayMs = 50): Sink {
  let parts: string[] = [];
  let size = 0;
  let last = performance.now();
  const flush = async () => {
    if (!parts.length) return;
    const text = parts.join("");
    parts = [];
    size = 0;
    last = performance.now();
    await sink.write(text);
  };
  return {
    async write(text) {
      parts.push(text);
      size += text.length;
      if (size >= limit || performance.now() - last >= maxDelayMs) await flush();
    },
    async close() {
      await flush();
      await sink.close();
    },
  };
}
