/** OpenCode 1.18.33's real plugin payloads and database (its real schema) through the hook entry point. */
import { DatabaseSync } from "node:sqlite";
import { dirname, join } from "node:path";
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import {
  agentCommit,
  applyEdit,
  hook,
  payload,
  repoint,
  storedEvents,
} from "./helpers/captures.ts";
import { CAPTURES, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const F = "opencode";
const MAIN = "ses_dd62388d1ffeFQq44JVACRaZJq";
const FAILS = "ses_dd62373e2ffeDbq9vaS60E9A2Y";
const ARGS = { args: ["opencode"] };

/** OpenCode's database, as the dump recorded it, where OpenCode keeps it. */
async function installDatabase(repo: TempRepo): Promise<void> {
  const sql = repoint(repo, await Deno.readTextFile(join(CAPTURES, F, "opencode-db.sql")));
  const path = join(repo.home, ".local/share/opencode/opencode.db");
  await Deno.mkdir(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(sql);
  db.close();
}

async function toolArgs(repo: TempRepo, file: string) {
  return JSON.parse(await payload(repo, F, file)).input.args;
}

Deno.test("opencode 1.18.33: write, edit and commit captured from the plugin; view, why and log read its database", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installDatabase(repo);
  await hook(repo, F, "hook-session.created.json", ARGS);
  await hook(repo, F, "hook-chat.message.json", ARGS);
  const write = await toolArgs(repo, "hook-tool.execute.after-write.json");
  await applyEdit(write.filePath, { content: write.content });
  await hook(repo, F, "hook-tool.execute.after-write.json", ARGS);
  const edit = await toolArgs(repo, "hook-tool.execute.after-edit.json");
  await applyEdit(edit.filePath, { old: edit.oldString, new: edit.newString });
  await hook(repo, F, "hook-tool.execute.after-edit.json", ARGS);
  const sha = await agentCommit(repo, "add app");
  await hook(repo, F, "hook-tool.execute.after-bash-git-commit.json", {
    ...ARGS,
    replace: { "1cb4675": sha },
  });
  await hook(repo, F, "hook-session.idle.json", ARGS);

  const events = await storedEvents(repo, MAIN);
  assertEquals(events.map((e) => e.kind), ["prompt", "edit", "edit", "shell", "stop"]);
  assertEquals(events.filter((e) => e.toolName).map((e) => e.toolCallId), [
    "call_fake_0_0_2",
    "call_fake_1_0_4",
    "call_fake_2_0_6",
  ]);
  assertEquals(events[3]!.exitCode, 0);
  const meta = JSON.parse(await repo.read(`.git/trace/sessions/${MAIN}.json`));
  assertEquals([meta.agent, meta.agentVersion, meta.model], ["opencode", "1.18.33", "fake-model"]);

  const view = (await repo.atrace(["view", MAIN])).stdout;
  assertStringIncludes(view, '> "Create src/app.py with a greet function');
  assertStringIncludes(view, "[write] src/app.py");
  assertStringIncludes(view, "[edit] src/app.py");
  assertStringIncludes(view, "+    return f'Hello, {name}!'");
  assertStringIncludes(view, '[bash] $ git add -A && git commit -m "add app"');
  assertStringIncludes(view, "] add app\n");
  assertStringIncludes(view, 'committed it as "add app".');
  assertEquals(view.split("[edit] src/app.py").length, 2, view);

  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
  assertStringIncludes(note, MAIN);
  const why = (await repo.atrace(["why", "src/app.py:2"])).stdout;
  assertStringIncludes(why, `session  ${MAIN} (wrote this line)`);
  assertStringIncludes(why, "tool     edit call_fake_1_0_4");
  assertStringIncludes(why, "+    return f'Hello, {name}!'");
  assertStringIncludes((await repo.atrace(["log"])).stdout, MAIN.slice(0, 8));
  assertStringIncludes((await repo.atrace(["list"])).stdout, "opencode");
});

Deno.test("opencode 1.18.33: a commit exiting 1 is a failed run, never linked; its session reads from the database", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installDatabase(repo);
  await repo.write("notes.txt", "mine\n");
  await agentCommit(repo, "by hand");
  await hook(repo, F, "hook-tool.execute.after-bash-git-commit-fails.json", ARGS);
  const [shell] = await storedEvents(repo, FAILS);
  assertEquals([shell?.kind, shell?.exitCode], ["shell", 1]);
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace", "list"]), "");
  const view = (await repo.atrace(["view", FAILS])).stdout;
  assertStringIncludes(view, "> \"Commit again with the message 'nothing yet', then stop.\"");
  assertStringIncludes(view, "nothing to commit, working tree clean");
  assertStringIncludes(view, "There was nothing to commit.");
});
