import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import {
  AUTH_AFTER,
  AUTH_BEFORE,
  CLAUDE_SESSION,
  fixture,
  installClaudeTranscript,
} from "./helpers/fixtures.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    out.push(entry.name);
    if (entry.isDirectory && entry.name !== ".git") {
      out.push(...(await listTree(join(dir, entry.name))).map((n) => `${entry.name}/${n}`));
    }
  }
  return out.sort();
}

Deno.test("hook: hostile session ids are refused, logged, and write nothing outside the store", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const before = await listTree(repo.dir);
  for (const id of ["../x", "/abs", "*", "", ".hidden", "a/b", "x".repeat(129), "ok.events"]) {
    const payload = JSON.stringify({
      session_id: id,
      cwd: repo.dir,
      hook_event_name: "PostToolUse",
      tool_name: "Write",
      tool_input: { file_path: `${repo.dir}/a.txt`, content: "a\n" },
    });
    const result = await repo.atrace(["hook"], { stdin: payload });
    assertEquals(result, { code: 0, stdout: "", stderr: "" }, `id ${JSON.stringify(id)}`);
  }
  assertEquals(await listTree(repo.dir), before);
  const sessions = await Array.fromAsync(Deno.readDir(join(repo.dir, SESSIONS))).catch(() => []);
  assertEquals(sessions.filter((e) => !e.name.startsWith(".")).map((e) => e.name), []);
  const log = await repo.read(".git/trace/log");
  assertStringIncludes(log, "invalid session id '../x'");
});

Deno.test("hook: outside any repository, garbage, empty or huge stdin: exit 0, silent, only the user's log written", async () => {
  await using repo = await tempRepo();
  const outside = repo.home;
  const payload = JSON.stringify({
    session_id: "s1",
    cwd: outside,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_input: { file_path: `${outside}/f.txt`, content: "x\n" },
  });
  for (const stdin of [payload, "not json {", "", "[1,2,3]", "x".repeat(40 * 1024 * 1024)]) {
    const result = await repo.atrace(["hook"], { stdin, cwd: outside });
    assertEquals(result, { code: 0, stdout: "", stderr: "" });
  }
  assertEquals(await listTree(outside), [
    ".local",
    ".local/state",
    ".local/state/git-atrace",
    ".local/state/git-atrace/log",
  ]);
  const log = await Deno.readTextFile(join(outside, ".local/state/git-atrace/log"));
  assertStringIncludes(log, "payload is not a JSON object");
  assertStringIncludes(log, "payload larger than");
});

Deno.test("hook: the repository comes from the payload, not the hook's working directory", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await repo.write("src/auth.py", AUTH_AFTER);
  await installClaudeTranscript(repo);
  const stdin = await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json");
  const result = await repo.atrace(["hook"], { stdin, cwd: repo.home });
  assertEquals(result.code, 0);
  assertEquals(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.files`), "src/auth.py\n");
});

Deno.test("hook: a linked worktree writes into the main repository's store", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  const wt = join(repo.home, "wt");
  await repo.git(["worktree", "add", "-q", wt, "-b", "feature"]);
  const payload = {
    session_id: "wt-session",
    cwd: wt,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_input: { file_path: join(wt, "new.py"), content: "print(1)\n" },
    tool_response: { type: "create", filePath: join(wt, "new.py"), content: "print(1)\n" },
  };
  assertEquals(
    (await repo.atrace(["hook"], { stdin: JSON.stringify(payload), cwd: repo.home })).code,
    0,
  );
  assertEquals(await repo.read(`${SESSIONS}/wt-session.files`), "new.py\n");
  const meta = JSON.parse(await repo.read(`${SESSIONS}/wt-session.json`));
  assertEquals(meta.branch, "feature");
  const list = await repo.atrace(["list"], { cwd: wt });
  assertStringIncludes(list.stdout, "wt-sessi");
});

Deno.test("hook: the transcript copy is incremental and catches up at Stop", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  const transcript = await installClaudeTranscript(repo);
  const full = await Deno.readTextFile(transcript);
  const lines = full.split("\n");
  await Deno.writeTextFile(transcript, lines.slice(0, 4).join("\n") + "\n");
  await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json"),
  });
  const copy = `${SESSIONS}/${CLAUDE_SESSION}.jsonl`;
  assertEquals(await repo.read(copy), lines.slice(0, 4).join("\n") + "\n");
  await Deno.writeTextFile(transcript, full);
  const stop = await repo.atrace(["hook", "claude-code"], {
    stdin: await fixture(repo, "claude-code", "hook-Stop.json"),
  });
  assertEquals(stop, { code: 0, stdout: "", stderr: "" });
  assertEquals(await repo.read(copy), full);
  const inode = (await Deno.stat(join(repo.dir, copy))).ino;
  await Deno.writeTextFile(transcript, '{"type":"summary","summary":"later"}\n', { append: true });
  await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-SessionEnd.json"),
  });
  assertEquals(await repo.read(copy), full + '{"type":"summary","summary":"later"}\n');
  assertEquals(
    (await Deno.stat(join(repo.dir, copy))).ino,
    inode,
    "appended in place, not rewritten",
  );
  // Rewritten from the start (still a Claude Code transcript): copied whole.
  const rewritten = '{"type":"summary","summary":"rewritten","leafUuid":"u-1"}\n';
  await Deno.writeTextFile(transcript, rewritten);
  await repo.atrace(["hook"], { stdin: await fixture(repo, "claude-code", "hook-Stop.json") });
  assertEquals(await repo.read(copy), rewritten);
  // Replaced by something that is no transcript: the copy stays.
  await Deno.writeTextFile(transcript, "root:x:0:0:root:/root:/bin/sh\n");
  await repo.atrace(["hook"], { stdin: await fixture(repo, "claude-code", "hook-Stop.json") });
  assertEquals(await repo.read(copy), rewritten);
});

Deno.test("hook: 8 concurrent hooks on one session lose nothing", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const payloads = Array.from({ length: 8 }, (_, i) =>
    JSON.stringify({
      session_id: "busy",
      cwd: repo.dir,
      hook_event_name: "PostToolUse",
      tool_name: "Write",
      tool_use_id: `toolu_${i}`,
      tool_input: { file_path: `${repo.dir}/f${i}.txt`, content: `${i}\n` },
    }));
  const results = await Promise.all(payloads.map((stdin) => repo.atrace(["hook"], { stdin })));
  assert(results.every((r) => r.code === 0 && r.stdout === ""));
  const files = (await repo.read(`${SESSIONS}/busy.files`)).trim().split("\n").sort();
  assertEquals(files, Array.from({ length: 8 }, (_, i) => `f${i}.txt`));
  const events = (await repo.read(`${SESSIONS}/busy.events`)).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
  assertEquals(events.map((e) => e.toolCallId).sort(), payloads.map((_, i) => `toolu_${i}`));
  assertEquals(JSON.parse(await repo.read(`${SESSIONS}/busy.json`)).counts.events, 8);
});

Deno.test("hook: Codex notify hands its JSON as the last argument, not on stdin", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const payload = await fixture(repo, "codex", "notify-argv-agent-turn-complete.json");
  const result = await repo.atrace(["hook", "codex", "notify", payload]);
  assertEquals(result, { code: 0, stdout: "", stderr: "" });
  const list = JSON.parse((await repo.atrace(["list", "--json"])).stdout);
  assertEquals(list.map((s: { id: string; agent: string }) => [s.id, s.agent]), [[
    "01a139ae-dab8-7c41-9e25-6b0d3f8a1c47",
    "codex",
  ]]);
});

Deno.test("hook: starting an agent, or quitting one that said nothing, does not create a session", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  for (const file of ["hook-SessionStart.json", "hook-SessionEnd.json"]) {
    assertEquals(
      (await repo.atrace(["hook"], { stdin: await fixture(repo, "claude-code", file) })).code,
      0,
    );
  }
  assertStringIncludes((await repo.atrace(["list"])).stdout, "No sessions found");
  await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-UserPromptSubmit.json"),
  });
  await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-SessionEnd.json"),
  });
  const meta = JSON.parse(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.json`));
  assertEquals([meta.counts.prompts, meta.counts.events, meta.title.slice(0, 12)], [
    1,
    2,
    "verify_token",
  ]);
});
