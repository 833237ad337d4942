/**
 * The conformance suite's own machinery, without any agent CLI: the scripted model server plays
 * turns from what requests carry and fails loudly on the unexpected; recordings get the fixture
 * names and path rewrites the captures README describes. (The suite itself: `deno task e2e`.)
 */
import { join } from "node:path";
import { claudeCode } from "./e2e/agents/claude_code.ts";
import { codexClassic } from "./e2e/agents/codex.ts";
import type { AgentRun } from "./e2e/play.ts";
import { hookFileName, pathRewrites, rewrite } from "./e2e/record.ts";
import { APP, PROMPTS, sessions } from "./e2e/scenario.ts";
import { anthropic } from "./e2e/servers/anthropic.ts";
import { startModelServer } from "./e2e/servers/model_server.ts";
import { openaiChat } from "./e2e/servers/openai_chat.ts";
import { assert, assertEquals } from "./helpers/assert.ts";

const REPO = "/tmp/sandbox/project";

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

async function anthropicServer(dir: string) {
  return await startModelServer(
    anthropic,
    sessions('"'),
    (action, id, turn) => claudeCode.dialect(action, id, turn, REPO),
    join(dir, "log.jsonl"),
  );
}

Deno.test("model server: each turn answers the tool results so far, then the final answer", async () => {
  const dir = await Deno.makeTempDir();
  await using server = await anthropicServer(dir);
  const url = `${server.url}/v1/messages?beta=true`;
  const user = (content: unknown) => ({ role: "user", content });
  const first = await post(url, { model: "m", stream: true, messages: [user(PROMPTS.main)] });
  assertEquals(first.status, 200);
  assert(first.text.includes('"name":"Write"'), first.text);
  assert(first.text.includes(`${REPO}/${APP}`), "the Write names the absolute path");

  const results = ["toolu_e2e_main_0", "toolu_e2e_main_1", "toolu_e2e_main_2"].map((id) =>
    user([{ type: "tool_result", tool_use_id: id, content: "ok" }])
  );
  const last = await post(url, { model: "m", messages: [user(PROMPTS.main), ...results] });
  assertEquals(last.status, 200);
  assertEquals(JSON.parse(last.text).stop_reason, "end_turn");
  assertEquals([...server.finished], ["main"]);
  assertEquals(server.unexpected, []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("model server: unknown prompts, wrong tool results and unknown paths fail loudly", async () => {
  const dir = await Deno.makeTempDir();
  await using server = await anthropicServer(dir);
  const url = `${server.url}/v1/messages`;
  const stranger = await post(url, { messages: [{ role: "user", content: "hello" }] });
  assertEquals(stranger.status, 400);
  const wrong = await post(url, {
    messages: [
      { role: "user", content: PROMPTS.failed },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_other" }] },
    ],
  });
  assertEquals(wrong.status, 400);
  const path = await post(`${server.url}/v1/complete`, {});
  assertEquals(path.status, 400);
  assertEquals(server.unexpected.map((e) => e.n), [1, 2, 3]);
  assert(
    server.unexpected[1]!.outcome.includes("toolu_e2e_failed_0"),
    server.unexpected[1]!.outcome,
  );
  const logged = (await Deno.readTextFile(join(dir, "log.jsonl"))).trim().split("\n");
  assertEquals(logged.length, 3);
  assert(logged[0]!.includes('"hello"'), "the request body is logged");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("model server: a chat title request is a side request, not a turn", async () => {
  const dir = await Deno.makeTempDir();
  await using server = await startModelServer(
    openaiChat,
    sessions("'"),
    () => null,
    join(dir, "log.jsonl"),
  );
  const title = await post(`${server.url}/v1/chat/completions`, {
    messages: [
      { role: "system", content: "You are a title generator." },
      { role: "user", content: PROMPTS.main },
    ],
  });
  assertEquals(title.status, 200);
  assertEquals(server.entries.map((e) => e.outcome), ["side: title"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("recording: fixture names follow the captures README, paths are rewritten", () => {
  const run = { driver: codexClassic } as AgentRun;
  const add = { tool_name: "apply_patch", tool_input: { command: "*** Add File: src/app.py" } };
  assertEquals(
    hookFileName(run, "PostToolUse", add, "main"),
    "hook-PostToolUse-apply_patch-add.json",
  );
  const bash = { tool_name: "Bash" };
  assertEquals(
    hookFileName(run, "PostToolUse", bash, "quiet"),
    "hook-PostToolUse-Bash-git-commit-quiet.json",
  );
  assertEquals(hookFileName(run, "Stop", {}, "failed"), "hook-Stop.json");
  const claude = { driver: claudeCode } as AgentRun;
  assertEquals(
    hookFileName(claude, "PostToolUseFailure", { tool_name: "Bash" }, "failed"),
    "hook-PostToolUseFailure-Bash-git-commit-fails.json",
  );

  const rewrites = pathRewrites("/tmp/atrace-e2e-x/project", "/tmp/atrace-e2e-x/home");
  assertEquals(
    rewrite(
      '{"cwd":"/tmp/atrace-e2e-x/project","t":"/tmp/atrace-e2e-x/home/.claude/projects/-tmp-atrace-e2e-x-project/a.jsonl"}',
      rewrites,
    ),
    '{"cwd":"/home/dev/project","t":"/home/dev/.claude/projects/-home-dev-project/a.jsonl"}',
  );
});
