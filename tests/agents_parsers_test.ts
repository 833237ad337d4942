/** Adapter units: payload detection for every fixture, Gemini rewinds, patch envelopes, SEARCH/REPLACE. */
import { join } from "node:path";
import { adapterByName, detectAdapter } from "../src/agents/registry.ts";
import { parseApplyPatch } from "../src/core/apply_patch.ts";
import { parseSearchReplace } from "../src/core/search_replace.ts";
import type { Message } from "../src/core/model.ts";
import { assertEquals } from "./helpers/assert.ts";
import { FIXTURES } from "./helpers/temp_repo.ts";
import { CAPTURED_AGENTS } from "../src/core/model.ts";

const HOOK_FIXTURE = /^(hook-|plugin-v\d-|oh-my-opencode-hook-).*\.json$/;

Deno.test("every agent's hook payloads are detected without an agent name", async () => {
  const agents = CAPTURED_AGENTS;
  let count = 0;
  for (const agent of agents) {
    for await (const entry of Deno.readDir(join(FIXTURES, agent))) {
      if (!HOOK_FIXTURE.test(entry.name)) continue;
      const payload = JSON.parse(await Deno.readTextFile(join(FIXTURES, agent, entry.name)));
      assertEquals(detectAdapter(payload).name, agent, `${agent}/${entry.name}`);
      count++;
    }
  }
  assertEquals(count >= 30, true, `only ${count} payloads`);
  const notify = JSON.parse(
    await Deno.readTextFile(join(FIXTURES, "codex/notify-argv-agent-turn-complete.json")),
  );
  const event = detectAdapter(notify).toEvent(notify, new Date(0));
  assertEquals([event?.agent, event?.kind, event?.sessionId], [
    "codex",
    "stop",
    "01a139ae-dab8-7c41-9e25-6b0d3f8a1c47",
  ]);
  for (const [alias, name] of [["gemini", "gemini-cli"], ["copilot", "copilot-cli"]]) {
    assertEquals(adapterByName(alias!)?.name, name);
  }
});

function gemini(lines: unknown[]): Message[] {
  const parser = adapterByName("gemini")!.transcript();
  return [...lines.flatMap((l) => parser.record(l)), ...parser.end()];
}

Deno.test("gemini: the last record of an id wins and $rewindTo drops the target onwards", () => {
  const messages = gemini([
    { sessionId: "s", startTime: "2026-10-14T09:00:00Z" },
    { id: "a", type: "user", content: "first" },
    { id: "b", type: "gemini", content: "draft" },
    { $set: { lastUpdated: "2026-10-14T09:01:00Z" } },
    { id: "b", type: "gemini", content: "answer" },
    { id: "c", type: "user", content: "second" },
    { id: "d", type: "gemini", content: "gone" },
    { $rewindTo: "c" },
    { id: "e", type: "user", content: "second, edited" },
  ]);
  assertEquals(messages.map((m) => "text" in m ? m.text : ""), [
    "first",
    "answer",
    "second, edited",
  ]);
});

Deno.test("apply_patch envelopes: add, update with move, delete", () => {
  const edits = parseApplyPatch([
    "*** Begin Patch",
    "*** Add File: docs/new.md",
    "+# New",
    "+text",
    "*** Update File: src/a.py",
    "*** Move to: src/b.py",
    "@@ def f():",
    "-    return 1",
    "+    return 2",
    "*** Delete File: old.txt",
    "*** End Patch",
  ].join("\n"));
  assertEquals(edits.map((e) => [e.path, e.op, e.addedLines]), [
    ["docs/new.md", "create", ["# New", "text"]],
    ["src/b.py", "edit", ["    return 2"]],
    ["old.txt", "delete", []],
  ]);
  assertEquals(edits[0]!.added, [{ start: 1, end: 2 }]);
});

Deno.test("SEARCH/REPLACE blocks in both marker styles", () => {
  const hunks = parseSearchReplace(
    "------- SEARCH\na\n=======\nb\n+++++++ REPLACE\n<<<<<<< SEARCH\nc\n=======\nd\ne\n>>>>>>> REPLACE",
  );
  assertEquals(hunks.map((h) => h.lines), [["-a", "+b"], ["-c", "+d", "+e"]]);
});

Deno.test("cursor: a tool result without a result field is an empty text, not undefined", () => {
  const parser = adapterByName("cursor")!.transcript();
  const messages: Message[] = parser.record({
    role: "tool",
    content: [
      { type: "tool-result", toolCallId: "c1" },
      { type: "tool-result", toolCallId: "c2", result: { ok: true } },
    ],
  });
  assertEquals(messages, [
    { kind: "result", text: "", callId: "c1" },
    { kind: "result", text: '{"ok":true}', callId: "c2" },
  ]);
});

Deno.test("codex: apply_patch calls carry every file of the envelope", () => {
  const parser = adapterByName("codex")!.transcript();
  const input = "*** Begin Patch\n*** Add File: a.txt\n+a\n*** Update File: b.txt\n@@\n-x\n+y\n" +
    "*** End Patch";
  const held = parser.record({
    type: "response_item",
    payload: { type: "custom_tool_call", name: "apply_patch", call_id: "p1", input },
  });
  const done = parser.record({
    type: "response_item",
    payload: { type: "custom_tool_call_output", call_id: "p1", output: "Success" },
  });
  assertEquals(held, []);
  const tool = done[0]!;
  assertEquals(tool.kind === "tool" ? [tool.files, tool.hunks?.length] : [], [
    ["a.txt", "b.txt"],
    2,
  ]);
  assertEquals(done[1], { kind: "result", text: "Success", callId: "p1" });
});
