/**
 * The installed copy (`deno task install`: the bundle, with its own Deno cache) against `deno run`
 * from the checkout: start-up (`--version`) and a capture hook, which agents wait for.
 */
import { join } from "node:path";
import { atraceArgs, median, PROJECT, type Row, scratchRepo, timed } from "./lib.ts";

async function hookRuns(repo: string, cmd: string, args: string[]): Promise<number> {
  const transcript = join(repo, ".git", "transcript.jsonl");
  await Deno.writeTextFile(transcript, `{"type":"user","message":{"content":"hi"}}\n`);
  let n = 0;
  return await median(11, () =>
    timed(cmd, [...args, "hook", "claude-code"], {
      cwd: repo,
      stdin: JSON.stringify({
        session_id: "bench-install",
        transcript_path: transcript,
        cwd: repo,
        hook_event_name: "PostToolUse",
        tool_name: "Write",
        tool_use_id: `toolu_${n++}`,
        tool_input: { file_path: join(repo, "f.txt"), content: `${n}\n` },
      }),
    }));
}

/** Installs the checkout into a scratch prefix and times it against the checkout. */
export async function benchInstall(): Promise<Row[]> {
  const prefix = await Deno.makeTempDir({ prefix: "atrace-bench-install-" });
  const repo = await scratchRepo("install");
  try {
    await timed(Deno.execPath(), ["run", "-A", "scripts/install.ts", "--prefix", prefix], {
      cwd: PROJECT,
    });
    const copy = join(prefix, "bin", "git-atrace");
    const [deno, source] = atraceArgs([]);
    const startSource = await median(
      11,
      () => timed(deno, [...source, "--version"], { cwd: repo }),
    );
    const startCopy = await median(11, () => timed(copy, ["--version"], { cwd: repo }));
    const hookSource = await hookRuns(repo, deno, source);
    const hookCopy = await hookRuns(repo, copy, []);
    const ratio = hookCopy / hookSource;
    return [
      {
        name: "installed copy: start (--version) vs deno run",
        value: `${startCopy.toFixed(0)} ms vs ${startSource.toFixed(0)} ms`,
        goal: "",
        ok: true,
      },
      {
        name: "installed copy: capture hook vs deno run",
        value: `${hookCopy.toFixed(0)} ms vs ${hookSource.toFixed(0)} ms: ${ratio.toFixed(2)}×`,
        goal: "≤ 1.1×",
        ok: ratio <= 1.1,
      },
    ];
  } finally {
    await Deno.remove(prefix, { recursive: true });
    await Deno.remove(repo, { recursive: true });
  }
}
