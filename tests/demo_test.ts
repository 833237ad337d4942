import { join } from "node:path";
import { assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("demo: replays a Claude Code session through the hooks into a new repository, linked to lines", async () => {
  await using scratch = await tempRepo();
  const dir = join(scratch.home, "demo");
  const demo = await scratch.atrace(["demo", dir], { cwd: scratch.home });
  assertEquals(demo.code, 0, demo.stderr);
  assertStringIncludes(demo.stdout, `Created a demo repository in ${dir}`);
  assertStringIncludes(demo.stdout, "  git atrace why src/auth.py:15");
  const list = JSON.parse((await scratch.atrace(["list", "--json"], { cwd: dir })).stdout);
  assertEquals(list.length, 1);
  assertEquals([list[0].agent, list[0].files, list[0].model], [
    "claude-code",
    2,
    "claude-sonnet-4-6",
  ]);
  assertMatch(list[0].title, /^Add rate limiting to login/);
  const log = JSON.parse((await scratch.atrace(["log", "--json"], { cwd: dir })).stdout);
  assertEquals(log.length, 1);
  assertEquals(log[0].sessions, [list[0].id]);
  const why = await scratch.atrace(["why", "src/auth.py:15"], { cwd: dir });
  assertStringIncludes(why.stdout, "    if not limiter.allow(username):");
  assertStringIncludes(why.stdout, "(wrote this line)");
  assertStringIncludes(
    why.stdout,
    "Add rate limiting to login: at most 5 attempts per minute per user.",
  );
  const blame = await scratch.atrace(["blame", "src/users.py"], { cwd: dir });
  assertMatch(blame.stdout, /# TODO: look users up in the database/);
  assertEquals(
    (await scratch.atrace(["view", list[0].id], { cwd: dir })).stdout.split("[Edit]").length,
    3,
  );
  const again = await scratch.atrace(["demo", dir], { cwd: scratch.home });
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, "is not empty");
});
