/** `view` reads transcripts in large chunks: lines that straddle chunks must come out whole. */
import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

const MiB = 1024 * 1024;

Deno.test("view --json keeps lines whole across read chunks, CRLF, blanks and a last line without newline", async () => {
  await using repo = await tempRepo();
  await repo.commit("init");
  const user = (text: string) => JSON.stringify({ type: "user", message: { content: text } });
  const big = "é€😀".repeat(MiB / 3);
  const before = "x".repeat(MiB - 40);
  const lines = [
    user(before),
    user(`${big}!`),
    "",
    "{cut short",
    `${user("crlf")}\r`,
    JSON.stringify({
      type: "assistant",
      message: { model: "m", content: [{ type: "text", text: "ok" }] },
    }),
    user("no newline at the end"),
  ];
  const dir = join(repo.dir, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "chunky.jsonl"), lines.join("\n"));
  await Deno.writeTextFile(join(dir, "chunky.timestamp"), "2026-01-01T00:00:00Z\n");
  const result = await repo.atrace(["view", "chunky", "--json"]);
  assertEquals(result.code, 0);
  assertEquals(JSON.parse(result.stdout), [
    { kind: "prompt", text: before },
    { kind: "prompt", text: `${big}!` },
    { kind: "prompt", text: "crlf" },
    { kind: "text", text: "ok", model: "m" },
    { kind: "prompt", text: "no newline at the end" },
  ]);
  assertStringIncludes(result.stderr, "warning: skipped 1 malformed line in chunky.jsonl");
});
