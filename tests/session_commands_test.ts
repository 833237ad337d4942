import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { captureClaudeEdit, CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

async function capturedRepo() {
  const repo = await tempRepo();
  await captureClaudeEdit(repo);
  return repo;
}

Deno.test("hook: a Claude Code PostToolUse Edit creates the original files plus metadata and events", async () => {
  await using repo = await capturedRepo();
  assertEquals(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.files`), "src/auth.py\n");
  assertMatch(
    await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.timestamp`),
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
  );
  const meta = JSON.parse(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.json`));
  assertEquals([meta.agent, meta.model, meta.branch], ["claude-code", "claude-sonnet-4-6", "main"]);
  const event = JSON.parse(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.events`));
  assertEquals(event.edits[0].path, "src/auth.py");
  assertEquals(event.edits[0].added, [{ start: 8, end: 8 }]);
  assertEquals(event.toolCallId, "toolu_01Sx9DkQ2mPz7LwR4tYb8NcE");
});

Deno.test("list, show, files and view handle a captured session", async () => {
  await using repo = await capturedRepo();
  const list = await repo.atrace(["list"]);
  assertEquals(list.code, 0);
  assertMatch(
    list.stdout,
    /^Sessions\n\n {2}7b3c9e2a {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}\(1 file\) {2}\[local\] {2}claude-code {2}verify_token compares/m,
  );
  const json = JSON.parse((await repo.atrace(["list", "--json"])).stdout);
  assertEquals(json[0].id, CLAUDE_SESSION);
  assertEquals(json[0].location, "local");
  for (const spelling of ["src/auth.py", `${repo.dir}/src/auth.py`]) {
    const show = await repo.atrace(["show", spelling]);
    assertStringIncludes(show.stdout, "7b3c9e2a");
  }
  const fromSubdir = await repo.atrace(["show", "auth.py"], { cwd: `${repo.dir}/src` });
  assertStringIncludes(fromSubdir.stdout, "7b3c9e2a");
  const files = await repo.atrace(["files", "7b3c"]);
  assertEquals(files.stdout, "Files in session: 7b3c9e2a [local]\n\n  src/auth.py\n");
  const view = await repo.atrace(["view", "7b3c9e2a"]);
  assertStringIncludes(view.stdout, "> verify_token compares secrets with ==");
  assertStringIncludes(view.stdout, "[Edit]");
  assertStringIncludes(view.stdout, "+    if hmac.compare_digest(token, stored_token):");
  assertStringIncludes(view.stdout, "[main 4c1d2e7]");
  assert(!view.stdout.includes("\x1b["), "no colour when not a terminal");
});
