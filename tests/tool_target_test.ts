/** The one-line target of a tool call, as view, the viewer and exported pages show it. */
import { toolTarget } from "../src/core/tool_target.ts";
import { MessageRenderer } from "../src/core/render_messages.ts";
import type { Message } from "../src/core/model.ts";
import { assertEquals } from "./helpers/assert.ts";

function tool(
  name: string,
  input: unknown,
  extra: Partial<Message> = {},
): Message & { kind: "tool" } {
  return { kind: "tool", name, files: [], input, ...extra } as Message & { kind: "tool" };
}

Deno.test("toolTarget: a tool's key input, never nothing when it has one", () => {
  const rel = (p: string) => p.replace("/repo/", "");
  assertEquals(toolTarget(tool("Read", { file_path: "/repo/src/app.py" }), rel), "src/app.py");
  assertEquals(toolTarget(tool("Glob", { pattern: "**/*.py" })), "**/*.py");
  assertEquals(
    toolTarget(
      tool("Grep", { pattern: "def greet", path: "/repo/src", output_mode: "content" }),
      rel,
    ),
    "def greet in src",
  );
  assertEquals(toolTarget(tool("read_file", { absolute_path: "/repo/a.md" }), rel), "a.md");
  assertEquals(toolTarget(tool("read", { filePath: "/repo/b.ts" }), rel), "b.ts");
  assertEquals(
    toolTarget(tool("WebFetch", { url: "https://example.com", prompt: "x" })),
    "https://example.com",
  );
  assertEquals(toolTarget(tool("Task", { description: "Find tests\nand more" })), "Find tests …");
  assertEquals(toolTarget(tool("TodoWrite", { todos: [] })), "");
  assertEquals(toolTarget(tool("Bash", {}, { command: "git status\ngit log" })), "$ git status …");
  assertEquals(toolTarget(tool("Edit", {}, { files: ["/repo/x.py"] }), rel), "x.py");
  assertEquals(toolTarget(tool("Grep", { pattern: "x".repeat(300) })).length, 120);
});

Deno.test("view shows a Read with its path, not a bare [Read]", () => {
  const renderer = new MessageRenderer((_, text) => text, "/repo");
  assertEquals(
    renderer.render(tool("Read", { file_path: "/repo/src/app.py" })),
    "[Read] src/app.py\n",
  );
});
