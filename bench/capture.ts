/** Capture-hook cost with a 10 KB, 10 MB and 100 MB transcript: the ratio shows whether it stays flat. */
import { join } from "node:path";
import { atraceArgs, median, type Row, scratchRepo, timed } from "./lib.ts";

const LINE = JSON.stringify({
  type: "assistant",
  message: {
    role: "assistant",
    model: "claude-sonnet-4-6",
    content: [{ type: "text", text: "x".repeat(900) }],
  },
}) + "\n";

async function hookTime(repo: string, bytes: number): Promise<number> {
  const transcript = join(repo, ".git", `transcript-${bytes}.jsonl`);
  const count = Math.max(1, Math.round(bytes / LINE.length));
  await Deno.writeTextFile(transcript, LINE.repeat(count));
  const payload = (n: number) =>
    JSON.stringify({
      session_id: `bench-${bytes}`,
      transcript_path: transcript,
      cwd: repo,
      hook_event_name: "PostToolUse",
      tool_name: "Write",
      tool_use_id: `toolu_${n}`,
      tool_input: { file_path: join(repo, "f.txt"), content: `${n}\n` },
    });
  const [cmd, args] = atraceArgs(["hook", "claude-code"]);
  let n = 0;
  return await median(7, async () => {
    await Deno.writeTextFile(transcript, LINE, { append: true });
    return timed(cmd, args, { cwd: repo, stdin: payload(n++) });
  });
}

/** Measures the hook at three transcript sizes in one repository. */
export async function benchCapture(): Promise<Row[]> {
  const repo = await scratchRepo("capture");
  try {
    const small = await hookTime(repo, 10_000);
    const medium = await hookTime(repo, 10_000_000);
    const large = await hookTime(repo, 100_000_000);
    const ratio = large / small;
    return [
      {
        name: "capture hook, 10 KB transcript",
        value: `${small.toFixed(0)} ms`,
        goal: "",
        ok: true,
      },
      {
        name: "capture hook, 10 MB / 10 KB",
        value: `${(medium / small).toFixed(2)}x`,
        goal: "<= 1.3x",
        ok: medium / small <= 1.3,
      },
      {
        name: "capture hook, 100 MB / 10 KB",
        value: `${ratio.toFixed(2)}x`,
        goal: "<= 1.3x",
        ok: ratio <= 1.3,
      },
    ];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}
