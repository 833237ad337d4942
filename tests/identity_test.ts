/** Notes commits need an author and a committer: git-atrace lends one only where git has none. */
import { assertEquals } from "./helpers/assert.ts";
import { captureClaudeEdit, CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { runCli, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

/** The test environment without any identity, and with git told never to guess one. */
function noIdentity(repo: TempRepo): Record<string, string> {
  const env: Record<string, string> = { ...repo.env };
  for (const role of ["AUTHOR", "COMMITTER"]) {
    delete env[`GIT_${role}_NAME`];
    delete env[`GIT_${role}_EMAIL`];
  }
  // Where auto-detection works (a hostname with a domain) git would invent an address; refuse it,
  // as a machine without one does.
  return {
    ...env,
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "user.useConfigOnly",
    GIT_CONFIG_VALUE_0: "true",
  };
}

async function linkWith(repo: TempRepo, env: Record<string, string>): Promise<string> {
  await captureClaudeEdit(repo);
  await repo.commit("agent edit");
  const link = await runCli(["link", CLAUDE_SESSION], { cwd: repo.dir, env });
  assertEquals([link.code, link.stderr], [0, ""]);
  return (await repo.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", "refs/notes/atrace"]))
    .trim();
}

Deno.test("identity: notes are written where git has no identity, by git-atrace", async () => {
  await using repo = await tempRepo();
  const env = noIdentity(repo);
  assertEquals(
    await linkWith(repo, env),
    "git-atrace <git-atrace@localhost>|git-atrace <git-atrace@localhost>",
  );
});

Deno.test("identity: only the missing part is lent; the user's configured email is kept", async () => {
  await using repo = await tempRepo();
  await repo.git(["config", "user.email", "me@example.com"]);
  assertEquals(
    await linkWith(repo, noIdentity(repo)),
    "git-atrace <me@example.com>|git-atrace <me@example.com>",
  );
});

Deno.test("identity: the user's identity is never overridden", async () => {
  await using repo = await tempRepo();
  await repo.git(["config", "user.name", "Me Myself"]);
  await repo.git(["config", "user.email", "me@example.com"]);
  assertEquals(
    await linkWith(repo, noIdentity(repo)),
    "Me Myself <me@example.com>|Me Myself <me@example.com>",
  );
  // The environment wins over config, as in git.
  await using other = await tempRepo();
  assertEquals(
    await linkWith(other, other.env),
    "Ada Tester <ada@example.com>|Ada Tester <ada@example.com>",
  );
});
