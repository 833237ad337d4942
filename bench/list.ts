/** `list` and `show` over many sessions, against `git log -1` as the process-start baseline. */
import { join } from "node:path";
import { atraceArgs, median, type Row, scratchRepo, timed } from "./lib.ts";

async function fillStore(repo: string, count: number): Promise<void> {
  const dir = join(repo, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(6, "0")}`;
    const stamp = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    await Promise.all([
      Deno.writeTextFile(join(dir, `${id}.timestamp`), `${stamp}\n`),
      Deno.writeTextFile(join(dir, `${id}.files`), `src/file${i % 50}.ts\nsrc/common.ts\n`),
      Deno.writeTextFile(join(dir, `${id}.jsonl`), '{"type":"user","message":{"content":"hi"}}\n'),
      Deno.writeTextFile(
        join(dir, `${id}.json`),
        JSON.stringify({
          id,
          agent: "claude-code",
          title: `session ${i}`,
          startedAt: stamp,
          updatedAt: stamp,
          counts: { events: 1, prompts: 1, edits: 1, shell: 0 },
        }),
      ),
    ]);
  }
}

/** Measures list and show with `count` sessions, from the session index and without it. */
export async function benchList(count: number, goalMs: number): Promise<Row[]> {
  const repo = await scratchRepo("list");
  try {
    await fillStore(repo, count);
    const store = join(repo, ".git", "trace", "sessions");
    const index = join(repo, ".git", "trace", "sessions.index.json");
    const quiet = new Date(Date.now() - 60_000);
    await Deno.utime(store, quiet, quiet);
    const git = await median(5, () => timed("git", ["log", "-1"], { cwd: repo }));
    const [cmd, listArgs] = atraceArgs(["list"]);
    const [, showArgs] = atraceArgs(["show", "src/common.ts"]);
    const list = await median(5, () => timed(cmd, listArgs, { cwd: repo }));
    const show = await median(5, () => timed(cmd, showArgs, { cwd: repo }));
    const cold = await median(3, async () => {
      await Deno.remove(index).catch(() => {});
      return await timed(cmd, listArgs, { cwd: repo });
    });
    const [, versionArgs] = atraceArgs(["--version"]);
    const start = await median(5, () => timed(cmd, versionArgs, { cwd: repo }));
    return [
      {
        name: "process start (git-atrace --version)",
        value: `${start.toFixed(0)} ms`,
        goal: "",
        ok: true,
      },
      {
        name: `list, ${count} sessions`,
        value: `${list.toFixed(0)} ms (${(list / git).toFixed(1)}x git log -1)`,
        goal: `< ${goalMs} ms`,
        ok: list < goalMs,
      },
      {
        name: `show <file>, ${count} sessions`,
        value: `${show.toFixed(0)} ms`,
        goal: `< ${goalMs} ms`,
        ok: show < goalMs,
      },
      {
        name: `list, ${count} sessions, index rebuilt`,
        value: `${cold.toFixed(0)} ms`,
        goal: "",
        ok: true,
      },
    ];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
  }
}
