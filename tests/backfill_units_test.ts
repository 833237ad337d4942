import { candidatesFor, parseTouches } from "../src/core/backfill/candidates.ts";
import { EventBuilder, missingEvents, toolEdits } from "../src/core/backfill/events.ts";
import type { HookEvent, Message } from "../src/core/model.ts";
import { mdInline } from "../src/core/summary/markdown.ts";
import { progressLine } from "../src/io/backfill/progress.ts";
import { assertEquals } from "./helpers/assert.ts";

const PATCH =
  "*** Begin Patch\n*** Add File: a.py\n+one = 1\n+two = 2\n*** Update File: b.py\n@@\n-x = 0\n+x = 1\n*** End Patch\n";

Deno.test("backfill units: one tool call editing two files gives each file its own lines (from the patch envelope)", () => {
  const message: Message = {
    kind: "tool",
    name: "apply_patch",
    files: ["/r/a.py", "/r/b.py"],
    hunks: [
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, lines: ["+one = 1", "+two = 2"] },
      { oldStart: 0, oldLines: 1, newStart: 0, newLines: 1, lines: ["-x = 0", "+x = 1"] },
    ],
    input: { input: PATCH },
  };
  const edits = toolEdits(message as Extract<Message, { kind: "tool" }>);
  assertEquals(edits.map((e) => [e.path, e.op, e.addedLines]), [
    ["/r/a.py", "create", ["one = 1", "two = 2"]],
    ["/r/b.py", "edit", ["x = 1"]],
  ]);
});

Deno.test("backfill units: old and new strings keep only the lines that changed", () => {
  const message: Message = {
    kind: "tool",
    name: "Edit",
    files: ["/r/c.py"],
    hunks: [{
      oldStart: 0,
      oldLines: 3,
      newStart: 0,
      newLines: 3,
      lines: ["-def f():", "-    return 1", "-# end", "+def f():", "+    return 2", "+# end"],
    }],
  };
  const [edit] = toolEdits(message as Extract<Message, { kind: "tool" }>);
  assertEquals(edit!.addedLines, ["    return 2"]);
});

Deno.test("backfill units: events from messages, a change the transcript holds twice kept once, the exact result preferred", () => {
  const builder = new EventBuilder({
    agent: "codex",
    sessionId: "s1",
    fallbackTime: "2026-01-01T00:00:00Z",
  });
  const create = (callId?: string): Message => ({
    kind: "tool",
    name: "apply_patch",
    files: ["/r/a.py"],
    hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: ["+one = 1"] }],
    ...(callId ? { callId } : {}),
    time: "2026-01-01T00:00:02Z",
  });
  builder.add([
    { kind: "prompt", text: "add a", time: "2026-01-01T00:00:01Z" },
    create(),
    create("call_1"),
    { kind: "tool", name: "exec_command", files: [], command: "git commit -m a" },
    { kind: "text", text: "done", model: "gpt-5.5" },
  ]);
  const exact = new Map([["call_1", [{
    path: "/r/a.py",
    op: "create" as const,
    hunks: [],
    added: [{ start: 1, end: 1 }],
    addedLines: ["one = 1"],
  }]]]);
  const events = builder.finish(exact, (p) => p.replace("/r/", ""));
  assertEquals(events.map((e) => [e.kind, e.toolCallId ?? null, e.time]), [
    ["prompt", null, "2026-01-01T00:00:01Z"],
    ["edit", "call_1", "2026-01-01T00:00:02Z"],
    ["shell", null, "2026-01-01T00:00:02Z"],
  ]);
  assertEquals(events[1]!.edits![0]!.path, "a.py");
  assertEquals(builder.facts, {
    firstTime: "2026-01-01T00:00:01Z",
    lastTime: "2026-01-01T00:00:02Z",
    firstPrompt: "add a",
    model: "gpt-5.5",
  });
});

Deno.test("backfill units: merging counts each act as often as it happened, whoever recorded it", () => {
  const prompt = (text: string): HookEvent => ({
    kind: "prompt",
    agent: "claude-code",
    sessionId: "s",
    time: "t",
    prompt: text,
  });
  const hooks = [prompt("continue"), prompt("fix it")];
  const transcript = [prompt("continue"), prompt("fix  it"), prompt("continue"), prompt("done")];
  assertEquals(missingEvents(hooks, transcript).map((e) => e.prompt), ["continue", "done"]);
  assertEquals(missingEvents([...hooks, ...missingEvents(hooks, transcript)], transcript), []);
});

Deno.test("backfill units: candidate commits are those in the session's window touching its files", () => {
  const sha = (n: number) => String(n).repeat(40);
  const touches = parseTouches(
    `\x01${sha(1)} 1000\0\na.py\0b.py\0\x01${sha(2)} 2000\0\nc.py\0\x01${
      sha(3)
    } 400000\0\na.py\0\x01${sha(4)} 1500\0`,
  );
  assertEquals(touches.map((t) => [t.sha[0], t.time, t.paths]), [
    ["1", 1000, ["a.py", "b.py"]],
    ["2", 2000, ["c.py"]],
    ["3", 400000, ["a.py"]],
    ["4", 1500, []],
  ]);
  const span = { start: 900_000, end: 1_200_000, paths: new Set(["a.py", "c.py"]) };
  assertEquals(candidatesFor(span, touches).map((t) => t.sha[0]), ["1", "2"]);
});

Deno.test("summary units: session text is inert Markdown (no HTML, links, mentions, references or table breaks)", () => {
  assertEquals(
    mdInline("see <img src=x> [a](http://e) | @bob #12 *x*\nnext"),
    "see &lt;img src=x&gt; \\[a\\]\\(http://e\\) \\| @\u200bbob #\u200b12 \\*x\\* next",
  );
});

Deno.test("backfill units: progress shows only after a second, redrawn on a terminal, line by line elsewhere", async () => {
  let clock = 0;
  const written: string[] = [];
  const sink = {
    write: (t: string) => Promise.resolve(void written.push(t)),
    close: () => Promise.resolve(),
  };
  const terminal = progressLine(sink, "terminal", () => clock);
  await terminal.update("reading sessions", 1, 10);
  assertEquals(written, []);
  clock = 1500;
  await terminal.update("reading sessions", 5, 10);
  await terminal.end();
  assertEquals(written, ["\r\x1b[Kbackfill: reading sessions 5/10", "\r\x1b[K"]);
  written.length = 0;
  clock = 0;
  const lines = progressLine(sink, "lines", () => clock);
  clock = 1200;
  await lines.update("reading sessions", 2, 10);
  clock = 1300;
  await lines.update("reading sessions", 3, 10);
  await lines.end();
  assertEquals(written, ["backfill: reading sessions 2/10\n"]);
  const off = progressLine(sink, "off", () => 5000);
  await off.update("x", 1, 1);
  assertEquals(written.length, 1);
});
