/**
 * Peak memory (VmHWM, the resident set's high-water mark, from /proc) of `view` and of `web`
 * opening a session and searching every session, on a 100 MB transcript of realistic turns.
 */
import { join } from "node:path";
import { atraceArgs, type Row, scratchRepo } from "./lib.ts";

const MB = 1024 * 1024;
/** The goal for both commands. */
const GOAL_MB = 150;

/** One turn: a prompt, an answer, a tool call with a large input and its large result. */
function turn(i: number): string {
  const code = `function f${i}(x) {\n  return x * ${i};\n}\n`.repeat(40);
  return [
    { type: "user", uuid: `u${i}`, message: { role: "user", content: `refactor part ${i}` } },
    {
      type: "assistant",
      uuid: `a${i}`,
      message: {
        role: "assistant",
        model: "m",
        content: [
          { type: "text", text: `Working on part ${i}. ` + "a".repeat(400) },
          {
            type: "tool_use",
            id: `t${i}`,
            name: "Write",
            input: { file_path: `src/f${i}.js`, content: code },
          },
        ],
      },
    },
    {
      type: "user",
      uuid: `r${i}`,
      message: {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: `t${i}`, content: code }],
      },
    },
  ].map((l) => JSON.stringify(l)).join("\n") + "\n";
}

/** Writes a session of `megabytes` into the store of `repo`. */
async function seed(repo: string, id: string, megabytes: number): Promise<void> {
  const dir = join(repo, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  const file = await Deno.open(join(dir, `${id}.jsonl`), { write: true, create: true });
  const encoder = new TextEncoder();
  for (let i = 0, written = 0; written < megabytes * MB; i++) {
    written += await file.write(encoder.encode(turn(i)));
  }
  file.close();
  await Deno.writeTextFile(join(dir, `${id}.timestamp`), "2026-01-01T00:00:00Z\n");
}

/** The high-water mark of the process's resident set, in MiB (0 once it has gone). */
async function peakMb(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`).catch(() => "");
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

/** Runs `view <id>` to the end, sampling its peak memory until it exits. */
async function viewPeak(repo: string, id: string): Promise<number> {
  const [cmd, args] = atraceArgs(["view", id]);
  const child = new Deno.Command(cmd, { args, cwd: repo, stdout: "piped", stderr: "null" })
    .spawn();
  let peak = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      peak = Math.max(peak, await peakMb(child.pid));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  for await (const _ of child.stdout) peak = Math.max(peak, await peakMb(child.pid));
  done = true;
  await sampling;
  await child.status;
  return peak;
}

/** Starts `web`, opens the session, pages through it, searches, and reads the server's peak. */
async function webPeak(repo: string, id: string): Promise<number> {
  const [cmd, args] = atraceArgs(["web", "--no-token"]);
  const child = new Deno.Command(cmd, { args, cwd: repo, stdout: "piped", stderr: "null" })
    .spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!/http:\/\/\S+/.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("web exited before serving");
    out += value;
  }
  const origin = new URL(/http:\/\/\S+/.exec(out)![0]).origin;
  try {
    for (
      const path of [
        `/api/session/${id}`,
        `/api/session/${id}/messages?offset=0&limit=200`,
        `/api/session/${id}/messages?offset=40000&limit=200`,
        "/api/sessions?q=no-such-text-anywhere",
      ]
    ) {
      const res = await fetch(origin + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
    }
    return await peakMb(child.pid);
  } finally {
    child.kill("SIGTERM");
    await reader.cancel().catch(() => {});
    await child.status;
  }
}

/** Peak memory of `view` and `web` on a transcript of `megabytes`. */
export async function benchMemory(megabytes: number): Promise<Row[]> {
  const repo = await scratchRepo("memory");
  try {
    await seed(repo, "memory-bench", megabytes);
    const size = (await Deno.stat(join(repo, ".git/trace/sessions/memory-bench.jsonl"))).size / MB;
    const view = await viewPeak(repo, "memory-bench");
    const web = await webPeak(repo, "memory-bench");
    const row = (name: string, mb: number): Row => ({
      name: `${name}, ${size.toFixed(0)} MB transcript, peak RSS`,
      value: `${mb.toFixed(0)} MB`,
      goal: `< ${GOAL_MB} MB`,
      ok: mb < GOAL_MB,
    });
    return [row("view", view), row("web (open, page, search)", web)];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { table } = await import("./lib.ts");
  // deno-lint-ignore no-console
  console.log(table(await benchMemory(Number(Deno.args[0] ?? 100))));
}
