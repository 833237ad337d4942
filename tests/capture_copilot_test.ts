/** Copilot CLI 1.0.102's real hook payloads and events.jsonl through the hook entry point. */
import { join } from "node:path";
import { assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import {
  agentCommit,
  applyEdit,
  hook,
  installHome,
  payload,
  storedEvents,
} from "./helpers/captures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const F = "copilot-cli";
const MAIN = "fb462bde-81ad-454c-910c-0a864ae6eb7e";
const FAILS = "5ca35041-d85e-433f-91da-5438ea049860";
const PROMPT =
  "Create src/app.py with a greet function, make the greeting an f-string, then commit it with the message 'add app'.";

async function toolArgs(repo: TempRepo, file: string) {
  return JSON.parse(await payload(repo, F, file)).toolArgs;
}

/** Copilot writes events.jsonl late: the hooks see its first lines only (the rest comes at exit). */
async function withLateLog(repo: TempRepo, id: string, run: () => Promise<void>): Promise<void> {
  const path = join(repo.home, ".copilot/session-state", id, "events.jsonl");
  const full = await Deno.readTextFile(path);
  await Deno.writeTextFile(path, full.split("\n").slice(0, 3).join("\n") + "\n");
  await run();
  await Deno.writeTextFile(path, full);
}

Deno.test("copilot cli 1.0.102: create, edit and commit captured; the late events.jsonl is read by view and why", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await withLateLog(repo, MAIN, async () => {
    await hook(repo, F, "hook-sessionStart.json");
    await hook(repo, F, "hook-userPromptSubmitted.json");
    const create = await toolArgs(repo, "hook-postToolUse-create.json");
    await applyEdit(create.path, { content: create.file_text });
    await hook(repo, F, "hook-postToolUse-create.json");
    const edit = await toolArgs(repo, "hook-postToolUse-edit.json");
    await applyEdit(edit.path, { old: edit.old_str, new: edit.new_str });
    await hook(repo, F, "hook-postToolUse-edit.json");
    const sha = await agentCommit(repo, "add app");
    await hook(repo, F, "hook-postToolUse-bash-git-commit.json", { replace: { "919dc57": sha } });
    await hook(repo, F, "hook-agentStop.json");
    await hook(repo, F, "hook-sessionEnd.json");
  });

  const events = await storedEvents(repo, MAIN);
  const shell = events.find((e) => e.kind === "shell")!;
  assertEquals(shell.exitCode, 0);
  assertNotIncludes(String(shell.output), "shellId");
  assertEquals(
    events.find((e) => e.kind === "stop")?.transcriptPath,
    join(repo.home, ".copilot/session-state", MAIN, "events.jsonl"),
  );
  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
  assertStringIncludes(note, MAIN);

  const view = (await repo.atrace(["view", MAIN])).stdout;
  assertEquals(view.split(`> ${PROMPT}`).length, 2, view);
  assertStringIncludes(view, "[create] src/app.py");
  assertStringIncludes(view, "[edit] src/app.py");
  assertStringIncludes(view, "+    return f'Hello, {name}!'");
  assertStringIncludes(view, '[bash] $ git add -A && git commit -m "add app"');
  assertStringIncludes(view, "] add app\n");
  assertNotIncludes(view, "shellId");
  assertStringIncludes(view, 'committed it as "add app".');

  const why = (await repo.atrace(["why", "src/app.py:2"])).stdout;
  assertStringIncludes(why, `session  ${MAIN} (wrote this line)`);
  assertStringIncludes(why, "tool     edit call_fake_1_0_3");
  assertStringIncludes(why, `Prompt\n  ${PROMPT}`);
  assertStringIncludes(why, "+    return f'Hello, {name}!'");
  assertStringIncludes((await repo.atrace(["log"])).stdout, MAIN.slice(0, 8));
});

Deno.test("copilot cli 1.0.102: a command exiting 1 (resultType success) is a failed run, never linked", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await repo.write("notes.txt", "mine\n");
  await agentCommit(repo, "by hand");
  await hook(repo, F, "hook-postToolUse-bash-git-commit-fails.json");
  const [shell] = await storedEvents(repo, FAILS);
  assertEquals([shell?.kind, shell?.command, shell?.exitCode], [
    "shell",
    'git commit -m "nothing yet"',
    1,
  ]);
  assertEquals(shell?.output, "On branch main\nnothing to commit, working tree clean");
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace", "list"]), "");
});
