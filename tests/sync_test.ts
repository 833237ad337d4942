import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { agentWrite } from "./helpers/agent_write.ts";
import { runCli, runGit, tempRepo } from "./helpers/temp_repo.ts";

const S1 = "33333333-3333-4333-8333-333333333333";
const OTHER = "44444444-4444-4444-8444-444444444444";

Deno.test("push/fetch: a clone fetches both notes refs from a bare remote, sees the same blame, and merges instead of overwriting", async () => {
  await using remote = await tempRepo({ bare: true, name: "remote.git" });
  await using repo = await tempRepo();
  await repo.commit("initial", { "README": "hello\n" });
  await agentWrite(repo, S1, "src/app.ts", "export const x = 1;\nexport const y = 2;\n", "toolu_x");
  await repo.commit("agent work", {
    "src/app.ts": "export const x = 1;\nexport const y = 2;\n// person\n",
  });
  assertEquals((await repo.atrace(["link", S1])).code, 0);
  await repo.git(["remote", "add", "origin", remote.dir]);
  await repo.git(["push", "-q", "origin", "main"]);
  assertEquals(
    await remote.git(["for-each-ref", "--format=%(refname)", "refs/notes"]),
    "",
    "nothing is pushed until the user asks",
  );
  const pushed = await repo.atrace(["push"]);
  assertEquals(pushed.code, 0, pushed.stderr);
  assertEquals(
    pushed.stdout,
    "pushed refs/notes/atrace to origin\npushed refs/notes/atrace-ranges to origin\n",
  );
  assertEquals(
    (await repo.atrace(["push"])).stdout,
    "refs/notes/atrace is up to date on origin\nrefs/notes/atrace-ranges is up to date on origin\n",
  );

  const clone = `${repo.home}/clone`;
  await runGit(["clone", "-q", remote.dir, clone], { cwd: repo.home, env: repo.env });
  const cli = (args: string[]) => runCli(args, { cwd: clone, env: repo.env });
  const fetched = await cli(["fetch"]);
  assertEquals(fetched.stdout, "created refs/notes/atrace\ncreated refs/notes/atrace-ranges\n");
  const here = await repo.atrace(["blame", "src/app.ts", "--json"]);
  const there = await cli(["blame", "src/app.ts", "--json"]);
  assertEquals(there.stdout, here.stdout);
  assertEquals(JSON.parse(there.stdout).map((l: { sessions: unknown[] }) => l.sessions.length), [
    1,
    1,
    0,
  ]);

  // Both sides add notes; the clone pushes (merging first), the origin repo fetches and merges.
  const head = (await repo.git(["rev-parse", "HEAD"])).trim();
  await runGit(["notes", "--ref=refs/notes/atrace", "append", "-m", OTHER, head], {
    cwd: clone,
    env: repo.env,
  });
  await repo.git(["notes", "--ref=refs/notes/atrace", "add", "-f", "-m", `${S1}\n`, "HEAD~1"]);
  assertEquals((await cli(["push"])).code, 0);
  // The origin repo's push is rejected (the remote moved): it fetches, merges and pushes again.
  const again = await repo.atrace(["push"]);
  assertEquals(again.code, 0, again.stderr);
  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", head]);
  assertEquals(note.trim().split("\n").filter((l) => l).sort(), [S1, OTHER]);
  assertEquals((await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD~1"])).trim(), S1);
  const merged = await cli(["fetch", "origin"]);
  assertStringIncludes(merged.stdout, "refs/notes/atrace\n");
  const cloned = await runGit(["notes", "--ref=refs/notes/atrace", "show", "HEAD~1"], {
    cwd: clone,
    env: repo.env,
  });
  assertEquals(cloned.trim(), S1);
  const missing = await repo.atrace(["push", "nowhere"]);
  assertEquals([missing.code, missing.stderr], [
    128,
    "fatal: 'nowhere' does not appear to be a git remote\n",
  ]);
});
