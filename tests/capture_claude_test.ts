/** Claude Code 2.1.197's real payloads and transcripts through the hook entry point (captures/claude-code). */
import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { hook, installHome, payload, shortHead, storedEvents } from "./helpers/captures.ts";
import { PROJECT, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const MAIN = "b4a968cb-32f2-4d4b-9910-34091ef207d2";
const QUIET = "63e269c9-9c9c-45c8-8fab-77ef01fa620f";
const FAILS = "5e39065a-e20f-40c2-8dee-8678040d56f2";
const F = "claude-code";

/** The file a captured Write or Edit payload leaves behind, written into the repository. */
async function applyTool(repo: TempRepo, file: string): Promise<void> {
  const input = JSON.parse(await payload(repo, F, file)).tool_input;
  const path = input.file_path as string;
  if (input.content !== undefined) {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, input.content);
  } else {
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.replace(input.old_string, input.new_string));
  }
}

/** The main session: write, edit, `git commit` through Bash, stop, end. */
async function mainSession(repo: TempRepo): Promise<string> {
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await hook(repo, F, "hook-SessionStart.json");
  await hook(repo, F, "hook-UserPromptSubmit.json");
  // The captures' config registered PreToolUse too: those calls must add no edits or commands.
  await hook(repo, F, "hook-PreToolUse-Write.json");
  await applyTool(repo, "hook-PostToolUse-Write.json");
  await hook(repo, F, "hook-PostToolUse-Write.json");
  await hook(repo, F, "hook-PreToolUse-Edit.json");
  await applyTool(repo, "hook-PostToolUse-Edit.json");
  await hook(repo, F, "hook-PostToolUse-Edit.json");
  await hook(repo, F, "hook-PreToolUse-Bash-git-commit.json");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-m", "add app"]);
  await hook(repo, F, "hook-PostToolUse-Bash-git-commit.json", {
    replace: { "1a12196": await shortHead(repo) },
  });
  await hook(repo, F, "hook-Stop.json");
  await hook(repo, F, "hook-SessionEnd.json");
  return (await repo.git(["rev-parse", "HEAD"])).trim();
}

Deno.test("claude code 2.1.197: write, edit and commit are captured, viewed, linked and explained", async () => {
  await using repo = await tempRepo();
  const sha = await mainSession(repo);
  const list = await repo.atrace(["list"]);
  assertStringIncludes(list.stdout, "claude-code");
  assertStringIncludes(list.stdout, MAIN.slice(0, 8));
  const view = await repo.atrace(["view", MAIN]);
  assertEquals(view.code, 0, view.stderr);
  assertStringIncludes(
    view.stdout,
    "> Create a tiny Python greeting app in src/app.py and commit it.",
  );
  assertStringIncludes(view.stdout, "[Write] src/app.py");
  assertStringIncludes(view.stdout, "[Edit] src/app.py");
  assertStringIncludes(view.stdout, '+    return f"Hello, {name}!"');
  assertStringIncludes(view.stdout, '[Bash] $ git add -A && git commit -m "add app"');
  assertStringIncludes(view.stdout, "] add app");
  assertStringIncludes(
    view.stdout,
    'Done: src/app.py greets the world and is committed as "add app".',
  );
  assertEquals(
    (await repo.atrace(["files", MAIN])).stdout.trim().split("\n").at(-1)?.trim(),
    "src/app.py",
  );
  const meta = JSON.parse(
    await Deno.readTextFile(join(repo.dir, ".git/trace/sessions", `${MAIN}.json`)),
  );
  assertEquals(meta.counts, { events: 9, prompts: 1, edits: 2, shell: 1 });
  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", sha]);
  assertStringIncludes(note, MAIN);
  const why = await repo.atrace(["why", "src/app.py:2"]);
  assertStringIncludes(why.stdout, `session  ${MAIN} (wrote this line)`);
  assertMatch(why.stdout, /tool {5}Edit toolu_\w+/);
  assertStringIncludes(why.stdout, '+    return f"Hello, {name}!"');
  assertStringIncludes((await repo.atrace(["log"])).stdout, MAIN.slice(0, 8));
});

Deno.test("claude code 2.1.197: a quiet commit (no output, no exit code in the payload) is linked", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  const app = JSON.parse(await payload(repo, F, "hook-PostToolUse-Read.json")).tool_response.file;
  await repo.commit("add app", { "src/app.py": app.content });
  await hook(repo, F, "hook-PostToolUse-Read.json");
  await repo.write("src/app.py", app.content + "\n\ndef farewell(name):\n    return name\n");
  await repo.git(["add", "-A"]);
  // The agent commits now (the temp repository pins old dates, and the reflog keeps them).
  const now = `${Math.floor(Date.now() / 1000)} +0000`;
  await repo.git(["commit", "-qm", "add farewell"], {
    env: { GIT_COMMITTER_DATE: now, GIT_AUTHOR_DATE: now },
  });
  await hook(repo, F, "hook-PostToolUse-Bash-git-commit-quiet.json");
  const shell = (await storedEvents(repo, QUIET)).find((e) => e.kind === "shell");
  assertEquals([shell?.command, shell?.exitCode], [
    'git add -A && git commit -qm "add farewell"',
    0,
  ]);
  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
  assertStringIncludes(note, QUIET);
  const view = await repo.atrace(["view", QUIET]);
  assertStringIncludes(view.stdout, "[Read] src/app.py\n");
  const messages = JSON.parse((await repo.atrace(["view", QUIET, "--json"])).stdout);
  const read = messages.find((m: { name?: string }) => m.name === "Read");
  assertEquals(read.files, [`${repo.dir}/src/app.py`]);
  assertStringIncludes(view.stdout, "[Bash] $ git add -A && git commit -qm");
});

Deno.test("claude code 2.1.197: PostToolUseFailure is a failed shell run that never links", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, F);
  await hook(repo, F, "hook-PreToolUse-Bash-git-commit-fails.json");
  // Someone else commits meanwhile: the failed `git commit` must not claim it.
  await repo.commit("by hand", { "notes.txt": "mine\n" });
  await hook(repo, F, "hook-PostToolUseFailure-Bash-git-commit-fails.json");
  const shells = (await storedEvents(repo, FAILS)).filter((e) => e.kind === "shell");
  assertEquals(shells.length, 1);
  assertEquals(shells[0]!.command, 'git commit -m "nothing here"');
  assertEquals(shells[0]!.exitCode, 1);
  assertEquals(shells[0]!.failed, true);
  assertEquals(shells[0]!.output, "On branch main\nnothing to commit, working tree clean");
  const notes = await repo.git(["notes", "--ref=refs/notes/atrace", "list"]).catch(() => "");
  assertEquals(notes, "");
  const view = await repo.atrace(["view", FAILS]);
  assertStringIncludes(view.stdout, '[Bash] $ git commit -m "nothing here"');
  assertStringIncludes(view.stdout, "nothing to commit, working tree clean");
});

/** A second session's edit of the same file: the captured Edit payload, given another session. */
async function otherSessionEdit(repo: TempRepo): Promise<string> {
  const text = await payload(repo, F, "hook-PostToolUse-Edit.json");
  return text.replaceAll(MAIN, QUIET);
}

for (
  const [name, env] of [
    ["CLAUDE_CODE_SESSION_ID with AI_AGENT", { AI_AGENT: "claude-code_2.1.197_agent" }],
    ["CLAUDE_CODE_SESSION_ID with CLAUDECODE", { CLAUDECODE: "1" }],
  ] as const
) {
  Deno.test(`claude code 2.1.197: the post-commit safety net reads ${name}: two sessions, the right one linked`, async () => {
    await using repo = await tempRepo();
    await repo.commit("initial", { "README.md": "# project\n" });
    await installHome(repo, F);
    assertEquals((await repo.atrace(["init"])).code, 0);
    await applyTool(repo, "hook-PostToolUse-Write.json");
    await hook(repo, F, "hook-PostToolUse-Write.json");
    await applyTool(repo, "hook-PostToolUse-Edit.json");
    const other = await repo.atrace(["hook"], { stdin: await otherSessionEdit(repo) });
    assertEquals(other.code, 0);
    await repo.git(["add", "-A"]);
    await repo.git(["commit", "-q", "-m", "add app"], {
      env: { ...env, CLAUDE_CODE_SESSION_ID: MAIN },
    });
    const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
    assertEquals(note.split("\n")[0], MAIN, "the committing session is linked first");
    // The other session's edit is in the commit too: credited for its line, as committed by another.
    const records = (await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]))
      .split("\n").filter(Boolean).map((line) => JSON.parse(line).metadata["dev.git-atrace"]);
    assertEquals(records.find((r) => r.session_id === MAIN)?.committed_by, undefined);
    for (const r of records.filter((r) => r.session_id !== MAIN)) {
      assertEquals([r.session_id, r.committed_by], [QUIET, "person"]);
    }
  });
}

Deno.test("claude code: the plugin's and install's hooks are synchronous and include PostToolUseFailure", async () => {
  const plugin = JSON.parse(await Deno.readTextFile(join(PROJECT, "hooks", "hooks.json")));
  const handlers = Object.values(plugin.hooks).flat().flatMap((g) =>
    (g as { hooks: unknown[] }).hooks
  );
  assert(handlers.every((h) => !(h as { async?: boolean }).async), JSON.stringify(handlers));
  assert("PostToolUseFailure" in plugin.hooks, Object.keys(plugin.hooks).join(","));
  await using repo = await tempRepo();
  assertEquals((await repo.atrace(["install", "claude-code"])).code, 0);
  const settings = JSON.parse(await repo.read(".claude/settings.json"));
  assertEquals(Object.keys(settings.hooks).includes("PostToolUseFailure"), true);
});

Deno.test("claude code: a session never loses its tail: view reads what the agent wrote after its last hook", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  const [transcript] = (await installHome(repo, F)).filter((p) => p.includes(MAIN));
  const full = await Deno.readTextFile(transcript!);
  // In a `-p` run the Stop hook is killed and SessionEnd never fires: the hooks saw only this much.
  const cut = full.slice(0, full.indexOf('"name":"Bash"'));
  await Deno.writeTextFile(transcript!, cut.slice(0, cut.lastIndexOf("\n") + 1));
  await hook(repo, F, "hook-UserPromptSubmit.json");
  await applyTool(repo, "hook-PostToolUse-Write.json");
  await hook(repo, F, "hook-PostToolUse-Write.json");
  const stored = join(repo.dir, ".git/trace/sessions", `${MAIN}.jsonl`);
  assert(!(await Deno.readTextFile(stored)).includes("committed as"), "the tail is not there yet");
  await Deno.writeTextFile(transcript!, full);

  const view = await repo.atrace(["view", MAIN]);
  assertEquals(view.code, 0, view.stderr);
  assertStringIncludes(view.stdout, '[Bash] $ git add -A && git commit -m "add app"');
  assertStringIncludes(
    view.stdout,
    'Done: src/app.py greets the world and is committed as "add app".',
  );
  assertEquals(await Deno.readTextFile(stored), full);

  // The agent's file gone (or replaced by something else): the copy stays, nothing fails.
  await Deno.writeTextFile(transcript!, "root:x:0:0:root:/root:/bin/bash\n".repeat(400));
  const again = await repo.atrace(["view", MAIN]);
  assertEquals([again.code, again.stderr], [0, ""]);
  assertEquals(await Deno.readTextFile(stored), full);
  await Deno.remove(transcript!);
  const gone = await repo.atrace(["view", MAIN]);
  assertEquals([gone.code, gone.stderr], [0, ""]);
  assertStringIncludes(gone.stdout, "committed as");
});
