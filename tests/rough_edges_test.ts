import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { legacySession } from "./helpers/legacy_session.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("a mistyped command gets git's 'did you mean'", async () => {
  await using repo = await tempRepo();
  const typo = await repo.atrace(["lst"]);
  assertEquals([typo.code, typo.stdout], [1, ""]);
  assertEquals(
    typo.stderr,
    "git: 'lst' is not a git atrace command. See 'git atrace help'.\n\n" +
      "The most similar command is\n\tlist\n",
  );
  const prefix = await repo.atrace(["un"]);
  assertStringIncludes(
    prefix.stderr,
    "The most similar commands are\n\tunlink\n\tunshare\n\tuninstall\n",
  );
  const far = await repo.atrace(["frobnicate"]);
  assertEquals(
    far.stderr,
    "git: 'frobnicate' is not a git atrace command. See 'git atrace help'.\n",
  );
});

Deno.test("stats leaves shared session files out: they are not code", async () => {
  await using repo = await tempRepo();
  await repo.commit("code", { "app.py": "a = 1\nb = 2\n" });
  await legacySession(repo, "5ea5e5e5-0000-4000-8000-000000000001");
  await Deno.mkdir(`${repo.dir}/.agents`);
  const shared = await repo.atrace(["share", "5ea5e5e5"]);
  assertEquals(shared.code, 0, shared.stderr);
  await repo.commit("share the session");
  await repo.git(["config", "atrace.sharedir", "team/sessions"]);
  await legacySession(repo, "5ea5e5e5-0000-4000-8000-000000000002");
  assertEquals((await repo.atrace(["share", "5ea5e5e5-0000-4000-8000-000000000002"])).code, 0);
  await repo.commit("share another", { "app.py": "a = 1\nb = 2\nc = 3\n" });
  const stats = JSON.parse((await repo.atrace(["stats", "--json"])).stdout);
  assertEquals([stats.commits, stats.added, stats.untracked], [3, 3, 3]);
  const fromSubdir = await repo.atrace(["stats", "--json"], { cwd: `${repo.dir}/team` });
  assertEquals(JSON.parse(fromSubdir.stdout).added, 3);
  assert(stats.byAgent.length === 0);
  assertMatch((await repo.atrace(["stats"])).stdout, /untracked +3/);
});
