/** Cline CLI 3.0.65's real hook payloads and session files through the hook entry point. */
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import {
  agentCommit,
  applyEdit,
  hook,
  installHome,
  payload,
  storedEvents,
} from "./helpers/captures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const F = "cline";
const OUT = { stdout: '{"cancel":false}' };
const MAIN = "1795998660036_hslqu";
const FAILS = "1795998668050_fwme5";
const PROMPT =
  "Create src/app.py with a greet function, make the greeting an f-string, then commit it with the message 'add app'.";

async function toolInput(repo: TempRepo, file: string) {
  return JSON.parse(await payload(repo, F, file)).tool_result.input;
}

Deno.test("cline cli 3.0.65: editor and run_commands are captured; list, view, files, why and log show them", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await hook(repo, F, "hook-TaskStart.json", OUT);
  const create = await toolInput(repo, "hook-PostToolUse-editor-create.json");
  await applyEdit(create.path, { content: create.new_text });
  await hook(repo, F, "hook-PostToolUse-editor-create.json", OUT);
  const edit = await toolInput(repo, "hook-PostToolUse-editor-edit.json");
  await applyEdit(edit.path, { old: edit.old_text, new: edit.new_text });
  await hook(repo, F, "hook-PostToolUse-editor-edit.json", OUT);
  const sha = await agentCommit(repo, "add app");
  await hook(repo, F, "hook-PostToolUse-run_commands-git-commit.json", {
    ...OUT,
    replace: { df5e6fe: sha },
  });
  await hook(repo, F, "hook-TaskComplete.json", OUT);

  const events = await storedEvents(repo, MAIN);
  // (agent_start alone does not begin a session: its first edit does.)
  assertEquals(events.map((e) => e.kind), ["edit", "edit", "shell", "stop"]);
  assertEquals(events.filter((e) => e.toolName).map((e) => e.toolCallId), [
    "call_fake_0_0_1",
    "call_fake_1_0_3",
    "call_fake_2_0_5",
  ]);
  const shell = events[2]!;
  assertEquals([shell.command, shell.exitCode], ['git add -A && git commit -m "add app"', 0]);
  assertStringIncludes((await repo.atrace(["list"])).stdout, "cline");
  const files = (await repo.atrace(["files", MAIN])).stdout;
  assertEquals(files.trim().split("\n").at(-1)?.trim(), "src/app.py");
  const meta = JSON.parse(await repo.read(`.git/trace/sessions/${MAIN}.json`));
  assert(PROMPT.startsWith(meta.title.replace(/…$/, "")), meta.title);
  assertEquals([meta.counts.edits, meta.counts.shell], [2, 1]);

  const view = (await repo.atrace(["view", MAIN])).stdout;
  assertStringIncludes(view, `> ${PROMPT}`);
  assertNotIncludes(view, "user_input");
  assertStringIncludes(view, "[editor] src/app.py");
  assertStringIncludes(view, "+    return f'Hello, {name}!'");
  assertStringIncludes(view, '[run_commands] $ git add -A && git commit -m "add app"');
  assertStringIncludes(view, "] add app\n");
  assertStringIncludes(view, 'committed it as "add app".');

  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
  assertStringIncludes(note, MAIN);
  const why = (await repo.atrace(["why", "src/app.py:2"])).stdout;
  assertStringIncludes(why, `session  ${MAIN} (wrote this line)`);
  assertStringIncludes(why, "tool     editor call_fake_1_0_3");
  assertStringIncludes(why, "+    return f'Hello, {name}!'");
  assertStringIncludes(why, `Prompt\n  ${PROMPT}`);
  assertStringIncludes((await repo.atrace(["log"])).stdout, MAIN.slice(0, 8));
});

Deno.test("cline cli 3.0.65: a failing command is a failed shell run (exit code 1), never linked", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await repo.write("notes.txt", "mine\n");
  await agentCommit(repo, "by hand");
  await hook(repo, F, "hook-PostToolUse-run_commands-git-commit-fails.json", OUT);
  const [shell] = await storedEvents(repo, FAILS);
  assert(shell, "the failing run is recorded");
  assertEquals([shell.kind, shell.command, shell.exitCode, shell.failed], [
    "shell",
    'git commit -m "nothing yet"',
    1,
    true,
  ]);
  assertEquals(shell.output, "On branch main\nnothing to commit, working tree clean\n");
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace", "list"]), "");
  const view = (await repo.atrace(["view", FAILS])).stdout;
  assertStringIncludes(view, "> Commit again with the message 'nothing yet', then stop.");
  assertStringIncludes(view, "nothing to commit");
});
