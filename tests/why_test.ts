import { assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { AUTH_AFTER, captureClaudeEdit, CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("why: a line leads to its commit, session, prompt, the assistant's words and the tool call's diff; stats counts it", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  await repo.write("src/auth.py", AUTH_AFTER + "# by hand\n");
  const sha = await repo.commit("fix");
  assertEquals((await repo.atrace(["link", CLAUDE_SESSION])).code, 0);

  const why = await repo.atrace(["why", "src/auth.py:8"]);
  assertEquals(why.code, 0, why.stderr);
  assertStringIncludes(
    why.stdout,
    "Why: src/auth.py:8\n      if hmac.compare_digest(token, stored_token):\n",
  );
  assertStringIncludes(why.stdout, `commit   ${sha}\n`);
  assertStringIncludes(why.stdout, `session  ${CLAUDE_SESSION} (wrote this line)\n`);
  assertStringIncludes(why.stdout, "tool     Edit toolu_01Sx9DkQ2mPz7LwR4tYb8NcE\n");
  assertMatch(why.stdout, /Prompt\n {2}verify_token compares secrets with ==/);
  assertStringIncludes(why.stdout, "Assistant\n");
  assertStringIncludes(why.stdout, "+    if hmac.compare_digest(token, stored_token):");

  const json = JSON.parse(
    (await repo.atrace(["why", "auth.py:8", "--json"], { cwd: `${repo.dir}/src` })).stdout,
  );
  assertEquals([json.path, json.line, json.commit], ["src/auth.py", 8, sha]);
  assertEquals(json.session.id, CLAUDE_SESSION);
  assertEquals(json.sessions.length, 1);
  assertEquals(json.agent, "claude-code");
  assertEquals(json.toolCallId, "toolu_01Sx9DkQ2mPz7LwR4tYb8NcE");
  assertMatch(json.prompt, /^verify_token compares secrets with ==/);
  assertEquals(json.assistant.length > 0, true);
  assertEquals(
    json.hunks[0].lines.includes("+    if hmac.compare_digest(token, stored_token):"),
    true,
  );

  const person = await repo.atrace(["why", "src/auth.py:11"]);
  assertStringIncludes(person.stdout, "No session is linked to this line (untracked).");
  const bad = await repo.atrace(["why", "src/auth.py"]);
  assertEquals(bad.code, 129);

  const stats = JSON.parse((await repo.atrace(["stats", "HEAD~1..HEAD", "--json"])).stdout);
  assertEquals(stats, {
    range: "HEAD~1..HEAD",
    commits: 1,
    added: 2,
    attributed: 1,
    untracked: 1,
    byAgent: [{ agent: "claude-code", model: "anthropic/claude-sonnet-4-6", lines: 1 }],
  });
  const text = await repo.atrace(["stats"]);
  assertMatch(text.stdout, /^Attribution for HEAD \(2 commits\)$/m);
  assertMatch(text.stdout, /^ {2}from sessions +1 {2}8\.3%$/m);
  assertMatch(text.stdout, /^ {4}claude-code anthropic\/claude-sonnet-4-6 +1$/m);
});

Deno.test("stats and blame: a revision that looks like an option is refused, never run as one", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const out = `${repo.dir}/written.txt`;
  for (
    const args of [
      ["stats", "--", `--output=${out}`],
      ["blame", "a.txt", "--", `--contents=${out}`],
    ]
  ) {
    const result = await repo.atrace(args);
    assertEquals(result.code, 128, `${args.join(" ")}: ${result.stderr}`);
    // blame reads `a.txt -- <path>` as git does: a revision, then the path.
    assertMatch(result.stderr, /^fatal: (.*'--output=|bad revision 'a\.txt')/m);
  }
  assertEquals(await Deno.stat(out).catch(() => null), null);
});

Deno.test("log and stats: signed commits under log.showSignature parse as usual", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  const key = `${repo.home}/signing_key`;
  await new Deno.Command("ssh-keygen", { args: ["-q", "-t", "ed25519", "-N", "", "-f", key] })
    .output();
  const config: [string, string][] = [
    ["gpg.format", "ssh"],
    ["user.signingkey", key],
    ["log.showSignature", "true"],
  ];
  for (const [k, v] of config) await repo.git(["config", k, v]);
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-S", "-m", "signed fix"]);
  const sha = (await repo.git(["rev-parse", "HEAD"])).trim();
  assertMatch(await repo.git(["log", "-1", "--format=%H"]), /signature/i);
  assertEquals((await repo.atrace(["link", CLAUDE_SESSION])).code, 0);
  const log = JSON.parse((await repo.atrace(["log", "--json"])).stdout);
  assertEquals(log.map((e: { commit: string }) => e.commit), [sha]);
  const stats = JSON.parse((await repo.atrace(["stats", "--json"])).stdout);
  assertEquals([stats.commits, stats.attributed > 0], [2, true]);
});
