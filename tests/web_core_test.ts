import { clipText, pageStart, promptsByCall } from "../src/core/web_messages.ts";
import { intParam, safeRepoPath } from "../src/core/web_paths.ts";
import { isLoopbackHost, securityHeaders, tokenEquals } from "../src/core/web_security.ts";
import type { Message } from "../src/core/model.ts";
import { repoRelative, storedPath } from "../src/core/paths.ts";
import { parseMeta, titleFromPrompt } from "../src/core/session_meta.ts";
import { assert, assertEquals, assertMatch } from "./helpers/assert.ts";

Deno.test("web paths: only normalized repo-relative paths inside the repository pass", () => {
  const cases: [string, string | null][] = [
    ["src/auth.py", "src/auth.py"],
    ["./src//auth.py", "src/auth.py"],
    ["src/x/../auth.py", "src/auth.py"],
    ["dir/", "dir"],
    ["../etc/passwd", null],
    ["src/../../x", null],
    ["/etc/passwd", null],
    ["C:/Windows", null],
    ["a\\..\\b", null],
    [".git/config", null],
    ["sub/.git/HEAD", null],
    ["a\nb", null],
    ["a\0b", null],
    [".", null],
    ["", null],
  ];
  for (const [input, expected] of cases) {
    assertEquals(safeRepoPath(input), expected, JSON.stringify(input));
  }
  assertEquals(
    [intParam(null, 5, 10), intParam("7", 5, 10), intParam("70", 5, 10), intParam("-1", 5, 10)],
    [5, 7, 10, 5],
  );
});

Deno.test("web security: loopback Host names, token comparison, headers", () => {
  for (const host of ["127.0.0.1:8111", "localhost:8111", "LOCALHOST:8111", "[::1]:8111"]) {
    assert(isLoopbackHost(host, 8111), host);
  }
  for (
    const host of [
      null,
      "",
      "127.0.0.1",
      "127.0.0.1:8112",
      "evil.example:8111",
      "127.0.0.1.nip.io:8111",
      "localhost.evil:8111",
    ]
  ) {
    assert(!isLoopbackHost(host, 8111), String(host));
  }
  assert(tokenEquals("abc", "abc"));
  assert(!tokenEquals("abd", "abc"));
  assert(!tokenEquals("ab", "abc"));
  assert(!tokenEquals(null, "abc"));
  const headers = securityHeaders("text/html");
  assertMatch(headers["content-security-policy"]!, /^default-src 'none'; script-src 'self';/);
  assert(!headers["content-security-policy"]!.includes("unsafe"));
  assertEquals(headers["referrer-policy"], "no-referrer");
  assertEquals(headers["x-content-type-options"], "nosniff");
});

Deno.test("web messages: the prompt behind each tool call, call lookup and pages", () => {
  const messages: Message[] = [
    { kind: "prompt", text: "first" },
    { kind: "tool", name: "Edit", callId: "a", files: [] },
    { kind: "text", text: "done" },
    { kind: "prompt", text: "second" },
    { kind: "tool", name: "Bash", callId: "b", files: [], command: "ls" },
    { kind: "tool", name: "Edit", callId: "a", files: [] },
  ];
  assertEquals(Object.fromEntries(promptsByCall(messages)), {
    a: { prompt: "first", tool: "Edit" },
    b: { prompt: "second", tool: "Bash" },
  });
  assertEquals([pageStart(0, 200), pageStart(5001, 200), pageStart(-1, 200)], [0, 5000, 0]);
  assertEquals(clipText("abcdef", 3), "abc\n… (3 more characters)");
  assertEquals(clipText("abc", 3), "abc");
});

Deno.test("repo paths: names starting with '..' are inside, parents and other roots are not", () => {
  const roots = ["/repo", "/real/repo"];
  assertEquals(repoRelative("/repo/..env", "/", roots), "..env");
  assertEquals(repoRelative("..hidden/a.ts", "/repo", roots), "..hidden/a.ts");
  assertEquals(repoRelative("/real/repo/src/a.ts", "/", roots), "src/a.ts");
  assertEquals(repoRelative("../other/a.ts", "/repo", roots), null);
  assertEquals(repoRelative("/repo", "/", roots), null);
  assertEquals(storedPath("../x.ts", "/repo/src", roots), "x.ts");
  assertEquals(storedPath("/tmp/x.ts", "/repo", roots), "/tmp/x.ts");
});

Deno.test("session titles carry no terminal escapes or control characters", () => {
  assertEquals(
    titleFromPrompt("\n\x1b]0;pwned\x07\x1b[31mfix\tthe bug\r\nmore"),
    "]0;pwned[31mfix the bug",
  );
  assertEquals(titleFromPrompt("\x9b2J\u00e9t\u00e9"), "2J\u00e9t\u00e9");
  const meta = parseMeta(JSON.stringify({ id: "s", title: "a\x1b[2Jb", model: "m\x07" }));
  assertEquals([meta?.title, meta?.model], ["a[2Jb", "m"]);
});
