import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { painter } from "../src/core/colors.ts";
import { addedFromHunks, createEdit, parseUnifiedDiff } from "../src/core/diff.ts";
import { diffLines } from "../src/core/line_diff.ts";
import { isValidSessionId, resolvePrefix, shortIds } from "../src/core/session_id.ts";
import { applyEvent, titleFromPrompt } from "../src/core/session_meta.ts";
import { repoRelative, storedPath } from "../src/core/paths.ts";
import { renderList, renderShow } from "../src/core/render_sessions.ts";

Deno.test("isValidSessionId() accepts agents' ids and refuses path tricks", () => {
  for (
    const ok of [
      "7b3c9e2a-4f1d-4c8b-9a6e-2d5f8c1b0e34",
      "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX",
      "1791969123000",
      "a.b_c-d",
    ]
  ) {
    assertEquals(isValidSessionId(ok), true, ok);
  }
  for (
    const bad of [
      "",
      "../x",
      "/abs",
      "*",
      ".hidden",
      "a/b",
      "a\\b",
      "x".repeat(129),
      "a b",
      "s.events",
      "s.lock",
    ]
  ) {
    assertEquals(isValidSessionId(bad), false, bad);
  }
});

Deno.test("resolvePrefix() prefers an exact id and refuses ambiguity", () => {
  assertEquals(resolvePrefix("abc", ["abc", "abc-def"]), "abc");
  assertEquals(resolvePrefix("abc-d", ["abc", "abc-def"]), "abc-def");
});

Deno.test("addedFromHunks() maps '+' lines to new-file line ranges", () => {
  const hunks = parseUnifiedDiff([
    "--- a/x.py",
    "+++ b/x.py",
    "@@ -1,4 +1,6 @@",
    " a",
    "+b",
    "+c",
    " d",
    "-e",
    "+E",
    " f",
  ].join("\n"));
  assertEquals(hunks[0]!.path, "x.py");
  const { added, addedLines } = addedFromHunks(hunks[0]!.hunks);
  assertEquals(added, [{ start: 2, end: 3 }, { start: 5, end: 5 }]);
  assertEquals(addedLines, ["b", "c", "E"]);
  assertEquals(createEdit("n.py", "x\ny\n").added, [{ start: 1, end: 2 }]);
});

Deno.test("diffLines() agrees with diff -u on a small change", () => {
  const hunks = diffLines("a\nb\nc\nd\ne\nf\ng\nh\ni\n", "a\nb\nc\nX\nd\ne\nf\ng\nh\nY\n");
  assertEquals(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]), [[1, 9, 1, 10]]);
  assertEquals(addedFromHunks(hunks).added, [{ start: 4, end: 4 }, { start: 10, end: 10 }]);
  assertEquals(diffLines("same\n", "same\n"), []);
});

Deno.test("storedPath() keeps repo paths relative and outside paths absolute", () => {
  assertEquals(storedPath("/r/src/a.py", "/r", ["/r"]), "src/a.py");
  assertEquals(storedPath("a.py", "/r/src", ["/r"]), "src/a.py");
  assertEquals(storedPath("/tmp/x.txt", "/r", ["/r"]), "/tmp/x.txt");
  assertEquals(repoRelative("/private/r/a", "/", ["/r", "/private/r"]), "a");
});

Deno.test("applyEvent() counts events and takes the title from the first prompt", () => {
  const base = { agent: "claude-code" as const, sessionId: "s", time: "2026-01-01T00:00:00.000Z" };
  let meta = applyEvent(
    null,
    { ...base, kind: "prompt", prompt: "\n  Fix the login bug\nplease" },
    "main",
  );
  meta = applyEvent(meta, { ...base, kind: "edit", time: "2026-01-01T00:01:00.000Z" });
  assertEquals([meta.title, meta.branch, meta.counts.prompts, meta.counts.edits], [
    "Fix the login bug",
    "main",
    1,
    1,
  ]);
  assertEquals(meta.updatedAt, "2026-01-01T00:01:00.000Z");
  assertEquals(titleFromPrompt("x".repeat(100)).length, 100);
  assertEquals([...titleFromPrompt("漢".repeat(3000))].length, 2000);
});

Deno.test("renderList() keeps the original columns and adds agent and title", () => {
  const text = renderList(
    [{
      id: "3ea80c57-6b85",
      location: "local",
      shared: true,
      timestamp: "2026-11-24T04:01:13Z",
      files: 2,
      meta: null,
    }],
    painter(false),
    shortIds([]),
  );
  assertStringIncludes(text, "  3ea80c57  2026-11-24T04:01:13Z  (2 files)  [local, shared]");
});

Deno.test("renderList() and renderShow() align every column across rows", () => {
  const meta = (agent: string, title: string) => ({
    id: "x",
    agent: agent as "codex",
    title,
    startedAt: "",
    updatedAt: "",
    counts: { events: 1, prompts: 1, edits: 0, shell: 0 },
  });
  const rows = [
    {
      id: "s1",
      location: "local" as const,
      shared: true,
      timestamp: "2026-01-02T00:00:00Z",
      files: 12,
      meta: meta("copilot-cli", "Tidy up"),
    },
    {
      id: "abcdefgh-long",
      location: "shared" as const,
      shared: true,
      timestamp: "2026-01-01T00:00:00Z",
      files: 1,
      meta: meta("codex", "Fix it"),
    },
  ];
  const short = shortIds(rows.map((r) => r.id));
  for (
    const text of [
      renderList(rows, painter(false), short),
      renderShow("a.py", rows, painter(false), short),
    ]
  ) {
    const [a, b] = text.split("\n").filter((l) => l.startsWith("  ") && l.includes("2026"));
    for (const word of ["2026", "copilot-cli|codex", "Tidy up|Fix it"]) {
      const at = (line: string) => line!.search(new RegExp(word));
      assertEquals(at(a!), at(b!), `${word} in:\n${text}`);
    }
  }
});
