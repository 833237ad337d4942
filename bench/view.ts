/** `view` of a 100 MB transcript: time to the first line of output, and throughput to the end. */
import { join } from "node:path";
import { atraceArgs, median, type Row, scratchRepo } from "./lib.ts";

const MB = 1024 * 1024;

/** Spawns `view` and returns [ms to first stdout byte, ms to exit]. */
async function viewTimes(repo: string, id: string): Promise<[number, number]> {
  const [cmd, args] = atraceArgs(["view", id]);
  const start = performance.now();
  const child = new Deno.Command(cmd, { args, cwd: repo, stdout: "piped", stderr: "null" }).spawn();
  let first = 0;
  for await (const chunk of child.stdout) {
    if (!first && chunk.length) first = performance.now() - start;
  }
  await child.status;
  return [first, performance.now() - start];
}

/** Measures view on a generated transcript of `megabytes`. */
export async function benchView(megabytes: number): Promise<Row[]> {
  const repo = await scratchRepo("view");
  try {
    const dir = join(repo, ".git", "trace", "sessions");
    await Deno.mkdir(dir, { recursive: true });
    const turn = [
      JSON.stringify({
        type: "user",
        message: { role: "user", content: "please refactor the parser " + "p".repeat(200) },
      }),
      JSON.stringify({
        type: "assistant",
        message: {
          role: "assistant",
          model: "m",
          content: [{ type: "text", text: "Done. " + "a".repeat(700) }],
        },
      }),
    ].join("\n") + "\n";
    const file = await Deno.open(join(dir, "view-bench.jsonl"), { write: true, create: true });
    const block = new TextEncoder().encode(turn.repeat(Math.ceil(MB / turn.length)));
    for (let written = 0; written < megabytes * MB; written += block.length) {
      await file.write(block);
    }
    file.close();
    await Deno.writeTextFile(join(dir, "view-bench.timestamp"), "2026-01-01T00:00:00Z\n");
    const size = (await Deno.stat(join(dir, "view-bench.jsonl"))).size / MB;
    const first = await median(3, async () => (await viewTimes(repo, "view-bench"))[0]);
    const total = await median(3, async () => (await viewTimes(repo, "view-bench"))[1]);
    const rate = size / (total / 1000);
    return [
      {
        name: `view ${size.toFixed(0)} MB transcript, first line`,
        value: `${first.toFixed(0)} ms`,
        goal: "at once",
        ok: first < 500,
      },
      {
        name: `view ${size.toFixed(0)} MB transcript, total`,
        value: `${(total / 1000).toFixed(2)} s (${rate.toFixed(0)} MB/s)`,
        goal: ">= 100 MB/s",
        ok: rate >= 100,
      },
    ];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}
