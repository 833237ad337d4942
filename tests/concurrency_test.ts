/**
 * Hooks racing on one session: kernel locks, the spool for a lock held too long, and the hook's
 * budget. Each hook is a real `git atrace hook` process.
 */
import { join } from "node:path";
import { assert, assertEquals } from "./helpers/assert.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

function writePayload(repo: TempRepo, session: string, i: number): string {
  return JSON.stringify({
    session_id: session,
    cwd: repo.dir,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_use_id: `toolu_${i}`,
    tool_input: { file_path: `${repo.dir}/f${i}.txt`, content: `${i}\n` },
  });
}

async function lines(repo: TempRepo, path: string): Promise<string[]> {
  return (await repo.read(path)).split("\n").filter((l) => l !== "");
}

Deno.test("20 concurrent Write hooks for 20 files of one session keep every file and event (3 trials)", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  for (let trial = 0; trial < 3; trial++) {
    const session = `race-${trial}`;
    const payloads = Array.from({ length: 20 }, (_, i) => writePayload(repo, session, i));
    const results = await Promise.all(payloads.map((stdin) => repo.atrace(["hook"], { stdin })));
    for (const r of results) {
      assertEquals({ ...r, stdout: r.stdout }, { code: 0, stdout: "", stderr: "" });
    }
    const files = (await lines(repo, `${SESSIONS}/${session}.files`)).sort();
    assertEquals(files, Array.from({ length: 20 }, (_, i) => `f${i}.txt`).sort(), `trial ${trial}`);
    const events = (await lines(repo, `${SESSIONS}/${session}.events`)).map((l) => JSON.parse(l));
    assertEquals(
      events.map((e) => e.toolCallId).sort(),
      Array.from({ length: 20 }, (_, i) => `toolu_${i}`).sort(),
    );
    assertEquals(JSON.parse(await repo.read(`${SESSIONS}/${session}.json`)).counts.events, 20);
  }
  assertEquals(await repo.read(".git/trace/log").catch(() => ""), "");
});

Deno.test("a lock held forever by a live process: the hook returns within its budget and the event is spooled, then merged", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await repo.atrace(["hook"], { stdin: writePayload(repo, "held", 0) });
  const lock = join(repo.dir, ".git/trace/locks/held.lock");
  // A lock file naming a live process, as the old pid lock left behind, changes nothing.
  await Deno.writeTextFile(lock, `${Deno.pid}\n`);
  // This test process holds the kernel lock (the hook, another process, cannot have it).
  const holder = await Deno.open(lock, { read: true, write: true });
  await holder.lock(true);
  try {
    const started = Date.now();
    const result = await repo.atrace(["hook"], { stdin: writePayload(repo, "held", 1) });
    const took = Date.now() - started;
    assertEquals(result, { code: 0, stdout: "", stderr: "" });
    assert(took < 10_000, `the hook waited ${took} ms for a lock it cannot get`);
    assertEquals(await lines(repo, `${SESSIONS}/held.files`), ["f0.txt"]);
  } finally {
    holder.close();
  }
  await repo.atrace(["hook"], { stdin: writePayload(repo, "held", 2) });
  assertEquals(await lines(repo, `${SESSIONS}/held.files`), ["f0.txt", "f1.txt", "f2.txt"]);
  const events = (await lines(repo, `${SESSIONS}/held.events`)).map((l) => JSON.parse(l));
  assertEquals(events.map((e) => e.toolCallId), ["toolu_0", "toolu_1", "toolu_2"]);
  assertEquals(JSON.parse(await repo.read(`${SESSIONS}/held.json`)).counts.events, 3);
});
