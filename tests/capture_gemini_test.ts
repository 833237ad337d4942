/** Gemini CLI 0.61.0's real payloads and chat file through the hook entry point (captures/gemini-cli). */
import { join } from "node:path";
import { adapterByName } from "../src/agents/registry.ts";
import type { Message } from "../src/core/model.ts";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import {
  agentCommit,
  applyEdit,
  hook,
  installHome,
  payload,
  storedEvents,
} from "./helpers/captures.ts";
import { CAPTURES, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const F = "gemini-cli";
const SESSION = "67189896-4c93-4278-a0cd-8de77d66fb0a";
const CHAT = "home/.gemini/tmp/project/chats/session-2026-11-30T00-38-67189896.jsonl";
const OUT = { stdout: "{}" };

async function input(repo: TempRepo, file: string) {
  return JSON.parse(await payload(repo, F, file)).tool_input;
}

Deno.test("gemini cli 0.61: write, replace and commit are captured; view, why and log show them", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await hook(repo, F, "hook-SessionStart.json", OUT);
  await hook(repo, F, "hook-BeforeAgent.json", OUT);
  const write = await input(repo, "hook-AfterTool-write_file.json");
  await applyEdit(write.file_path, { content: write.content });
  await hook(repo, F, "hook-AfterTool-write_file.json", OUT);
  const replace = await input(repo, "hook-AfterTool-replace.json");
  await applyEdit(replace.file_path, { old: replace.old_string, new: replace.new_string });
  await hook(repo, F, "hook-AfterTool-replace.json", OUT);
  const sha = await agentCommit(repo, "add app");
  await hook(repo, F, "hook-AfterTool-run_shell_command-git-commit.json", {
    ...OUT,
    replace: { e124ad9: sha },
  });
  await hook(repo, F, "hook-AfterAgent.json", OUT);
  await hook(repo, F, "hook-SessionEnd.json", OUT);

  const events = await storedEvents(repo, SESSION);
  const ids = events.filter((e) => e.toolName).map((e) => e.toolCallId);
  assertEquals(ids, [
    "write_file__write_file_1795999089744_0",
    "replace__replace_1795999089892_0",
    "run_shell_command__run_shell_command_1795999089986_0",
  ]);
  const shell = events.find((e) => e.kind === "shell")!;
  assertEquals(
    shell.output,
    `[main ${sha}] add app\n 1 file changed, 6 insertions(+)\n create mode 100644 src/app.py`,
  );
  assertEquals(shell.exitCode, 0);

  const view = (await repo.atrace(["view", SESSION])).stdout;
  assertStringIncludes(
    view,
    "> Create src/app.py with a greet function, use an f-string, then commit it.",
  );
  assertNotIncludes(view, "session_context");
  assertStringIncludes(view, "[write_file] src/app.py");
  assertStringIncludes(view, "[replace] src/app.py");
  assertStringIncludes(view, '+    return f"Hello, {name}!"');
  assertStringIncludes(view, '[run_shell_command] $ git add -A && git commit -m "add app"');
  assertStringIncludes(view, "] add app\n");
  assertNotIncludes(view, "untrusted_context");
  assertNotIncludes(view, "PGID");
  assertStringIncludes(
    view,
    'Done: src/app.py greets with an f-string and is committed as "add app".',
  );

  const why = (await repo.atrace(["why", "src/app.py:2"])).stdout;
  assertStringIncludes(why, `session  ${SESSION} (wrote this line)`);
  assertStringIncludes(why, "tool     replace replace__replace_1795999089892_0");
  assertStringIncludes(why, '+    return f"Hello, {name}!"');
  assertStringIncludes((await repo.atrace(["log"])).stdout, SESSION.slice(0, 8));
});

function parse(lines: unknown[]): Message[] {
  const parser = adapterByName("gemini-cli")!.transcript();
  return [...lines.flatMap((l) => parser.record(l)), ...parser.end()];
}

async function chatLines(): Promise<unknown[]> {
  const text = await Deno.readTextFile(join(CAPTURES, F, CHAT));
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

Deno.test("gemini cli 0.61 chat: $set.messages replaces the history, an unknown $rewindTo keeps it", async () => {
  const lines = await chatLines();
  const prompts = (messages: Message[]) =>
    messages.filter((m) => m.kind === "prompt").map((m) => (m as { text: string }).text);
  assertEquals(prompts(parse(lines)), [
    "Create src/app.py with a greet function, use an f-string, then commit it.",
  ]);
  const replaced = parse([
    ...lines,
    { $set: { messages: [{ id: "n1", type: "user", content: [{ text: "start over" }] }] } },
  ]);
  assertEquals(prompts(replaced), ["start over"]);
  assertEquals(replaced.filter((m) => m.kind === "tool").length, 0);
  const kept = parse([...lines, { $rewindTo: "no-such-id" }]);
  assertEquals(kept.filter((m) => m.kind === "tool").length, 3);
  const rewound = parse([...lines, { $rewindTo: "594c7f3f-7676-4764-b979-2984b7a6d1c9" }]);
  assertEquals(rewound.filter((m) => m.kind === "tool").map((m) => (m as { name: string }).name), [
    "write_file",
  ]);
  const results = parse(lines).filter((m) => m.kind === "result").map((m) =>
    (m as { text: string }).text
  );
  assert(
    results.every((t) => !t.includes("untrusted_context") && !t.includes("PGID")),
    results.join("|"),
  );
});
