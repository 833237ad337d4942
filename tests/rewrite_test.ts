import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { agentWrite } from "./helpers/agent_write.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";
const AGENT_ENV = { CLAUDECODE: "1" };

/** The session ids per line of `path` at HEAD (from blame --json). */
async function blameSessions(repo: TempRepo, path: string, rev = "HEAD"): Promise<string[]> {
  const out = await repo.atrace(["blame", path, rev, "--json"]);
  assertEquals(out.code, 0, out.stderr);
  return JSON.parse(out.stdout).map((l: { sessions: { id: string; match: string }[] }) =>
    l.sessions.map((s) => `${s.id.slice(0, 2)}:${s.match}`).join(",")
  );
}

async function noteOf(repo: TempRepo, rev: string, ref = "refs/notes/atrace"): Promise<string> {
  return await repo.git(["notes", `--ref=${ref}`, "show", rev]).catch(() => "");
}

Deno.test("init: post-commit links agent commits only, chains the old hook; amend and interactive rebase keep line attribution", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README": "hello\n" });
  await repo.write(".git/hooks/post-commit", "#!/bin/sh\necho ran >> .git/chained.log\n");
  await Deno.chmod(`${repo.dir}/.git/hooks/post-commit`, 0o755);
  const init = await repo.atrace(["init"]);
  assertEquals(init.code, 0, init.stderr);
  assertStringIncludes(init.stdout, "chained post-commit hook");
  assertStringIncludes(init.stdout, "installed post-rewrite hook");
  assertEquals(
    (await repo.git(["config", "--get-all", "notes.rewriteRef"])).trim().split("\n"),
    ["refs/notes/atrace", "refs/notes/atrace-ranges"],
  );
  assertEquals((await repo.git(["config", "notes.rewrite.amend"])).trim(), "true");
  assertEquals((await repo.git(["config", "notes.rewrite.rebase"])).trim(), "true");
  assertStringIncludes((await repo.atrace(["init"])).stdout, "git-atrace is already set up");
  // Another tool replaced the hook after init: its hook is neither chained twice nor lost.
  const foreign = "#!/bin/sh\necho other tool\n";
  const saved = await repo.read(".git/hooks/post-commit");
  await repo.write(".git/hooks/post-commit", foreign);
  const taken = await repo.atrace(["init"]);
  assertEquals(taken.code, 1);
  assertStringIncludes(taken.stderr, "error: '");
  assertStringIncludes(taken.stderr, "'post-commit.atrace-chained' is taken");
  assertEquals(await repo.read(".git/hooks/post-commit"), foreign);
  await repo.write(".git/hooks/post-commit", saved);

  await agentWrite(repo, S1, "a.py", "def a():\n    return 1\n", "toolu_a");
  // Another session of the same agent was active later, but edited none of the committed files.
  await agentWrite(repo, S2, "scratch.md", "draft\n", "toolu_s");
  await repo.git(["add", "a.py"]);
  await repo.git(["commit", "-q", "-m", "A by agent"], { env: AGENT_ENV });
  const a = (await repo.git(["rev-parse", "HEAD"])).trim();
  assertEquals(await noteOf(repo, a), S1 + "\n");
  assertEquals(await repo.read(".git/chained.log"), "ran\n");
  // The other session's draft is thrown away, never committed.
  await Deno.remove(`${repo.dir}/scratch.md`);

  await repo.commit("B by a person", { "b.txt": "person line one\nperson line two\n" });
  assertEquals(await noteOf(repo, "HEAD"), "", "a person's commit links nothing");

  await agentWrite(repo, S1, "c.py", "def c():\n    return 3\n", "toolu_c");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-m", "C by agent"], { env: AGENT_ENV });
  assertEquals(await noteOf(repo, "HEAD"), S1 + "\n");

  // Amend (by a person): git copies both notes, post-rewrite re-points the ranges.
  await repo.write("c.py", "def c():\n    return 3\n\n# amended\n");
  await repo.git(["commit", "-q", "-a", "--amend", "-m", "C amended"]);
  const amended = (await repo.git(["rev-parse", "HEAD"])).trim();
  assertEquals(await noteOf(repo, amended), S1 + "\n");
  const record = JSON.parse(await noteOf(repo, amended, "refs/notes/atrace-ranges"));
  assertEquals(record.vcs.revision, amended);
  assertEquals(await blameSessions(repo, "c.py"), ["11:range", "11:range", "", ""]);

  // Amend by the agent: post-commit links again, git copies the old notes, post-rewrite merges them.
  const c2 = "def c():\n    return 3\n\n# amended\ndef c2():\n    return 4\n";
  await agentWrite(repo, S1, "c.py", c2, "toolu_c2");
  await repo.git(["commit", "-q", "-a", "--amend", "--no-edit"], { env: AGENT_ENV });
  assertEquals(await noteOf(repo, "HEAD"), S1 + "\n");
  const again = (await noteOf(repo, "HEAD", "refs/notes/atrace-ranges")).trim().split("\n");
  assertEquals(again.length, 1);
  assertEquals(JSON.parse(again[0]!).vcs.revision, (await repo.git(["rev-parse", "HEAD"])).trim());
  assertEquals(await blameSessions(repo, "c.py"), Array(6).fill("11:range"));

  // Interactive rebase: reorder (C first) and squash B into A.
  const shas = (await repo.git(["rev-list", "--reverse", "HEAD~3..HEAD"])).trim().split("\n");
  const [sa, sb, sc] = shas as [string, string, string];
  const todo = `pick ${sc}\npick ${sa}\nsquash ${sb}\n`;
  await repo.git(["rebase", "-q", "-i", "HEAD~3"], {
    env: {
      GIT_SEQUENCE_EDITOR: `sh -c 'printf "${todo.replaceAll("\n", "\\n")}" > "$1"' -`,
      GIT_EDITOR: "true",
    },
  });
  const subjects = (await repo.git(["log", "--format=%s", "-3"])).trim().split("\n");
  assertEquals(subjects[1], "C amended");
  assertMatch(subjects[0]!, /^A by agent/);
  assertEquals(await noteOf(repo, "HEAD"), S1 + "\n");
  assertEquals(await blameSessions(repo, "a.py"), ["11:range", "11:range"]);
  assertEquals(await blameSessions(repo, "b.txt"), ["", ""]);
  assertEquals(await blameSessions(repo, "c.py"), Array(6).fill("11:range"));
  for (const rev of ["HEAD", "HEAD~1"]) {
    const sha = (await repo.git(["rev-parse", rev])).trim();
    const records = (await noteOf(repo, rev, "refs/notes/atrace-ranges")).trim().split("\n");
    assertEquals(records.length, 1);
    assertEquals(JSON.parse(records[0]!).vcs.revision, sha);
  }

  const removed = await repo.atrace(["init", "--uninstall"]);
  assertStringIncludes(removed.stdout, "removed post-commit hook\nremoved post-rewrite hook\n");
  assertEquals(
    await repo.read(".git/hooks/post-commit"),
    "#!/bin/sh\necho ran >> .git/chained.log\n",
  );
  assertEquals(await Deno.stat(`${repo.dir}/.git/hooks/post-rewrite`).catch(() => null), null);
  assertEquals(await repo.git(["config", "--get-all", "notes.rewriteRef"]).catch(() => ""), "");
});

Deno.test("repair: a squash merge and a rebase merge move notes to the commits that hold the lines", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README": "hello\n" });
  await repo.git(["checkout", "-q", "-b", "feature"]);
  await agentWrite(repo, S2, "f.py", "def f():\n    return 'f'\n", "toolu_f");
  const f = await repo.commit("feature f");
  await agentWrite(repo, S1, "g.py", "def g():\n    return 'g'\n", "toolu_g");
  const g = await repo.commit("feature g");
  assertEquals((await repo.atrace(["link", S2, f])).code, 0);
  assertEquals((await repo.atrace(["link", S1, g])).code, 0);
  await repo.git(["checkout", "-q", "main"]);
  await repo.commit("main moves on", { "main.txt": "main\n" });
  await repo.git(["merge", "-q", "--squash", "feature"]);
  const squash = await repo.commit("Squashed feature (#1)");
  await repo.git(["branch", "-q", "-D", "feature"]);

  // A rebase merge: the rebased commit has the same patch but a new sha.
  await repo.git(["checkout", "-q", "-b", "topic"]);
  await agentWrite(repo, S2, "h.py", "def h():\n    return 'h'\n", "toolu_h");
  const h = await repo.commit("topic h");
  await repo.atrace(["link", S2, h]);
  await repo.git(["checkout", "-q", "main"]);
  await repo.commit("main again", { "main.txt": "main\nagain\n" });
  await repo.git(["checkout", "-q", "topic"]);
  await repo.git(["rebase", "-q", "main"]);
  const rebased = (await repo.git(["rev-parse", "HEAD"])).trim();
  assert(rebased !== h);

  const preview = await repo.atrace(["repair", "--dry-run"]);
  assertStringIncludes(
    preview.stdout,
    `would move ${h.slice(0, 7)} -> ${rebased.slice(0, 7)} by patch-id: 22222222`,
  );
  assertEquals(await noteOf(repo, f), S2 + "\n", "a dry run writes nothing");
  // The next agent event after the person's squash commit already credited the sessions' lines.
  assertEquals((await noteOf(repo, squash)).trim().split("\n").sort(), [S1, S2]);
  const out = await repo.atrace(["repair"]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(
    out.stdout,
    `moved  ${f.slice(0, 7)} -> ${squash.slice(0, 7)} by content: 22222222`,
  );
  assertStringIncludes(
    out.stdout,
    `moved  ${g.slice(0, 7)} -> ${squash.slice(0, 7)} by content: 11111111`,
  );
  assertStringIncludes(
    out.stdout,
    `moved  ${h.slice(0, 7)} -> ${rebased.slice(0, 7)} by patch-id: 22222222`,
  );
  assertEquals((await noteOf(repo, squash)).trim().split("\n").sort(), [S1, S2]);
  assertEquals(await noteOf(repo, f), "");
  const log = JSON.parse((await repo.atrace(["log", "--all", "--json"])).stdout);
  assertEquals(log.map((e: { commit: string }) => e.commit).sort(), [rebased, squash].sort());
  assertEquals(await blameSessions(repo, "f.py"), ["22:range", "22:range"]);
  assertEquals(await blameSessions(repo, "g.py"), ["11:range", "11:range"]);
  assertEquals(await blameSessions(repo, "h.py"), ["22:range", "22:range"]);
  assertEquals(await blameSessions(repo, "main.txt"), ["", ""]);
  assertEquals(
    (await repo.atrace(["repair"])).stdout,
    "Nothing to repair: every noted commit is still in history\n",
  );
});

Deno.test("init: hooks in the work tree (core.hooksPath, as husky sets) come with a warning; .git/hooks do not", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const plain = await repo.atrace(["init"]);
  assertEquals([plain.code, plain.stderr], [0, ""]);
  await repo.git(["config", "core.hooksPath", ".husky"]);
  const husky = await repo.atrace(["init"]);
  assertEquals(husky.code, 0);
  assertStringIncludes(husky.stderr, "warning: '.husky/post-commit' is in the work tree");
});
