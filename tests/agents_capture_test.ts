/** Every agent's fixtures through the real hook entry point: capture, view, list, files and commit linking. */
import { DatabaseSync } from "node:sqlite";
import { dirname, join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { AUTH_AFTER, AUTH_BEFORE, fixture } from "./helpers/fixtures.ts";
import { FIXTURES, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const PROMPT = "verify_token compares secrets with ==; make it constant-time and commit the fix";
const ADDED = "+    if hmac.compare_digest(token, stored_token):";

/** One agent's scenario: where its transcript lives and which payloads its hooks receive. */
interface Scenario {
  agent: string;
  session: string;
  /** The exact stdout every hook call must produce. */
  output: string;
  /** Fixture → destination under the home directory (transcripts kept by the agent). */
  transcripts?: Record<string, string>;
  setup?: (repo: TempRepo) => Promise<void>;
  /** [agent argument or "" for detection, event argument, fixture file] before the edit is committed. */
  before: [string, string, string][];
  /** The shell payload that ran `git commit` (its `4c1d2e7` becomes the real sha). */
  shell: [string, string, string];
  after: [string, string, string][];
  /** Assistant text `view` must show. */
  answer: string;
}

async function put(path: string, text: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, text);
}

async function hook(repo: TempRepo, s: Scenario, call: [string, string, string], sha?: string) {
  const [agent, event, file] = call;
  let payload = await fixture(repo, s.agent, file);
  if (sha) payload = payload.replaceAll("4c1d2e7", sha.slice(0, 7));
  const args = ["hook", ...(agent ? [agent, event] : [])];
  const result = await repo.atrace(args, { stdin: payload });
  assertEquals(result.code, 0, `${file}: ${result.stderr}`);
  assertEquals(result.stdout, s.output ? s.output + "\n" : "", `${file} stdout`);
  assertEquals(result.stderr, "", `${file} stderr`);
}

async function runScenario(s: Scenario): Promise<TempRepo> {
  const repo = await tempRepo({ name: "acme-api" });
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  for (const [from, to] of Object.entries(s.transcripts ?? {})) {
    await put(join(repo.home, to), await fixture(repo, s.agent, from));
  }
  await s.setup?.(repo);
  await repo.write("src/auth.py", AUTH_AFTER);
  for (const call of s.before) await hook(repo, s, call);
  const sha = await repo.commit("fix(auth): use constant-time token comparison");
  await hook(repo, s, s.shell, sha);
  for (const call of s.after) await hook(repo, s, call, sha);

  const view = await repo.atrace(["view", s.session.slice(0, 12)]);
  assertEquals(view.code, 0, view.stderr);
  assertStringIncludes(view.stdout, PROMPT);
  assertStringIncludes(view.stdout, s.answer);
  assertStringIncludes(view.stdout, ADDED);
  assertStringIncludes(view.stdout, "git commit -m");
  const list = await repo.atrace(["list"]);
  assertStringIncludes(list.stdout, s.agent);
  assertStringIncludes(list.stdout, s.session.slice(0, 8));
  const files = await repo.atrace(["files", s.session]);
  assertEquals(files.stdout.trim().split("\n").at(-1)?.trim(), "src/auth.py");
  const meta = JSON.parse(
    await Deno.readTextFile(join(repo.dir, ".git/trace/sessions", `${s.session}.json`)),
  );
  assertEquals(meta.agent, s.agent);
  assertEquals(meta.title, PROMPT);
  assert(meta.counts.edits >= 1 && meta.counts.shell >= 1, JSON.stringify(meta.counts));
  const note = await repo.git(["notes", "--ref=refs/notes/atrace", "show", "HEAD"]);
  assertStringIncludes(note, s.session);
  assertEquals((await repo.git(["rev-parse", "HEAD"])).trim(), sha);
  return repo;
}

Deno.test("gemini cli: hooks, JSONL chat with re-appended records, {} on stdout, commit linked", async () => {
  const chat = "session-2026-10-14T09-12-7f3c2a1e.jsonl";
  await using repo = await runScenario({
    agent: "gemini-cli",
    session: "7f3c2a1e-5b8d-4e6f-a0c9-1d2e3f4a5b6c",
    output: "{}",
    transcripts: { [chat]: `.gemini/tmp/acme-api/chats/${chat}` },
    before: [
      ["gemini", "BeforeAgent", "hook-BeforeAgent.json"],
      ["", "", "hook-AfterTool-replace.json"],
    ],
    shell: ["", "", "hook-AfterTool-run_shell_command-git-commit.json"],
    after: [["gemini-cli", "AfterAgent", "hook-AfterAgent.json"]],
    answer: "I'll replace the `==` check with `hmac.compare_digest`",
  });
  const json = JSON.parse((await repo.atrace(["view", "--json", "7f3c2a1e"])).stdout);
  // The re-appended record appears once, with its tool call.
  assertEquals(json.filter((m: { kind: string }) => m.kind === "prompt").length, 1);
  assertEquals(json.filter((m: { name?: string }) => m.name === "replace").length, 1);
});

Deno.test("gemini cli: legacy whole-JSON chat files are read too", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const path = join(repo.home, ".gemini/tmp/acme-api/chats/session-legacy-7f3c2a1e.json");
  await put(
    path,
    await fixture(repo, "gemini-cli", "legacy-session-2026-10-14T09-12-7f3c2a1e.json"),
  );
  const payload = (await fixture(repo, "gemini-cli", "hook-SessionEnd.json"))
    .replace(/"transcript_path": "[^"]*"/, `"transcript_path": "${path}"`);
  assertEquals((await repo.atrace(["hook"], { stdin: payload })).stdout, "{}\n");
  const view = await repo.atrace(["view", "7f3c2a1e"]);
  assertStringIncludes(view.stdout, PROMPT);
  assertStringIncludes(view.stdout, ADDED);
  assertStringIncludes(view.stdout, "Done. `verify_token` now uses `hmac.compare_digest`");
});

Deno.test("codex: apply_patch and Bash hooks, rollout transcript, commit linked", async () => {
  const rollout = "rollout-2026-10-14T09-12-03-01a139ae-dab8-7c41-9e25-6b0d3f8a1c47.jsonl";
  await using repo = await runScenario({
    agent: "codex",
    session: "01a139ae-dab8-7c41-9e25-6b0d3f8a1c47",
    output: "",
    transcripts: { [rollout]: `.codex/sessions/2026/10/14/${rollout}` },
    before: [
      ["", "", "hook-SessionStart.json"],
      ["codex", "prompt", "hook-UserPromptSubmit.json"],
      ["codex", "post-tool", "hook-PostToolUse-apply_patch.json"],
    ],
    shell: ["", "", "hook-PostToolUse-Bash-git-commit.json"],
    after: [["codex", "stop", "hook-Stop.json"]],
    answer: "Switched `verify_token` to `hmac.compare_digest`",
  });
  const meta = JSON.parse(
    await repo.read(".git/trace/sessions/01a139ae-dab8-7c41-9e25-6b0d3f8a1c47.json"),
  );
  assertEquals(meta.model, "gpt-5.5-codex");
});

Deno.test("cursor: afterFileEdit and afterShellExecution, transcript merged with hook output", async () => {
  const id = "5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205";
  await using repo = await runScenario({
    agent: "cursor",
    session: id,
    output: "{}",
    transcripts: {
      [`agent-transcripts/${id}/${id}.jsonl`]:
        `.cursor/projects/home-dev-acme-api/agent-transcripts/${id}/${id}.jsonl`,
    },
    before: [
      ["cursor", "beforeSubmitPrompt", "hook-beforeSubmitPrompt.json"],
      ["", "", "hook-afterFileEdit.json"],
      ["cursor", "beforeShellExecution", "hook-beforeShellExecution-git-commit.json"],
    ],
    shell: ["", "", "hook-afterShellExecution-git-commit.json"],
    after: [["cursor", "stop", "hook-stop.json"]],
    answer: "I'll switch it to `hmac.compare_digest`",
  });
  // The transcript has no tool results: the shell output comes from the hook.
  const sha = (await repo.git(["rev-parse", "--short=7", "HEAD"])).trim();
  assertStringIncludes((await repo.atrace(["view", id])).stdout, `[main ${sha}]`);
});

Deno.test("copilot cli: camelCase and snake_case payloads, events.jsonl, commit linked", async () => {
  const id = "3e9a7c51-0d2b-4f86-a4c3-8b1e6d2f9a70";
  await using repo = await runScenario({
    agent: "copilot-cli",
    session: id,
    output: "",
    transcripts: {
      [`session-state/${id}/events.jsonl`]: `.copilot/session-state/${id}/events.jsonl`,
    },
    before: [
      ["copilot", "sessionStart", "hook-sessionStart.json"],
      ["copilot", "userPromptSubmitted", "hook-userPromptSubmitted.json"],
      ["copilot", "postToolUse", "hook-postToolUse-edit.json"],
      ["", "", "hook-PostToolUse-snake-case-variant.json"],
      ["", "", "hook-preToolUse-bash-git-commit.json"],
    ],
    shell: ["", "", "hook-postToolUse-bash-git-commit.json"],
    after: [["copilot-cli", "sessionEnd", "hook-sessionEnd.json"]],
    answer: "Switching to `hmac.compare_digest`",
  });
  const meta = JSON.parse(await repo.read(`.git/trace/sessions/${id}.json`));
  assertEquals([meta.model, meta.agentVersion], ["claude-sonnet-4.6", "1.0.42"]);
});

Deno.test('cline: PostToolUse hooks, task folder history, {"cancel":false} on stdout', async () => {
  const task = "globalStorage-saoudrizwan.claude-dev/tasks/1791969123000";
  const storage = ".config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1791969123000";
  await runScenario({
    agent: "cline",
    session: "1791969123000",
    output: '{"cancel":false}',
    transcripts: {
      [`${task}/api_conversation_history.json`]: `${storage}/api_conversation_history.json`,
      [`${task}/ui_messages.json`]: `${storage}/ui_messages.json`,
    },
    before: [
      ["cline", "UserPromptSubmit", "hook-UserPromptSubmit.json"],
      ["", "", "hook-PostToolUse-replace_in_file.json"],
    ],
    shell: ["", "", "hook-PostToolUse-execute_command-git-commit.json"],
    after: [["cline", "TaskComplete", "hook-TaskComplete.json"]],
    answer: "I'll use `hmac.compare_digest`",
  });
});

Deno.test("opencode: plugin v1 and v2 payloads, session read from its database, commit linked", async () => {
  await using repo = await runScenario({
    agent: "opencode",
    session: "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX",
    output: "",
    setup: async (repo) => {
      const sql = (await Deno.readTextFile(join(FIXTURES, "opencode/opencode-db-sample.sql")))
        .replaceAll("/home/dev/acme-api", repo.dir);
      const path = join(repo.home, ".local/share/opencode/opencode.db");
      await Deno.mkdir(dirname(path), { recursive: true });
      const db = new DatabaseSync(path);
      db.exec(sql);
      db.close();
    },
    before: [
      ["opencode", "tool.execute.after", "plugin-v1-tool.execute.after-edit.json"],
      ["", "", "plugin-v2-execute.after-edit.json"],
      ["", "", "plugin-v1-tool.execute.before-bash-git-commit.json"],
    ],
    shell: ["", "", "plugin-v1-tool.execute.after-bash-git-commit.json"],
    after: [],
    answer: "I'll switch it to `hmac.compare_digest`",
  });
  const meta = JSON.parse(
    await repo.read(".git/trace/sessions/ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX.json"),
  );
  assertEquals([meta.model, meta.agentVersion], ["claude-sonnet-4-6", "1.18.4"]);
});

Deno.test("oh-my-opencode: Claude-style payloads never copy the temporary transcript", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await repo.write("src/auth.py", AUTH_AFTER);
  const temp = join(repo.home, "opencode-transcript-ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX-x.jsonl");
  await put(temp, '{"type":"assistant","message":{"content":"partial"}}\n');
  const payload = (await fixture(repo, "opencode", "oh-my-opencode-hook-PostToolUse-Edit.json"))
    .replace(/"transcript_path": "[^"]*"/, `"transcript_path": "${temp}"`);
  for (const args of [["hook", "claude-code", "PostToolUse"], ["hook"]]) {
    assertEquals((await repo.atrace(args, { stdin: payload })).code, 0);
  }
  const dir = join(repo.dir, ".git/trace/sessions");
  const meta = JSON.parse(
    await Deno.readTextFile(join(dir, "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX.json")),
  );
  assertEquals(meta.agent, "opencode");
  assertEquals(meta.counts.edits, 2);
  const copied = await Deno.stat(join(dir, "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX.jsonl")).catch(() =>
    null
  );
  assertEquals(copied, null);
  // Without a transcript, view is rebuilt from the hook events.
  assertMatch((await repo.atrace(["view", "ses_1a9f"])).stdout, /\+ {4}if hmac\.compare_digest/);
});

Deno.test("without a transcript, view rebuilds prompts, tool calls and diffs from every agent's hooks", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const calls: [string, string[]][] = [
    ["gemini-cli", [
      "hook-BeforeAgent.json",
      "hook-AfterTool-replace.json",
      "hook-AfterTool-run_shell_command-git-commit.json",
    ]],
    ["codex", [
      "hook-UserPromptSubmit.json",
      "hook-PostToolUse-apply_patch.json",
      "hook-PostToolUse-Bash-git-commit.json",
    ]],
    ["cursor", [
      "hook-beforeSubmitPrompt.json",
      "hook-afterFileEdit.json",
      "hook-afterShellExecution-git-commit.json",
    ]],
    ["copilot-cli", [
      "hook-userPromptSubmitted.json",
      "hook-postToolUse-edit.json",
      "hook-postToolUse-bash-git-commit.json",
    ]],
    ["cline", [
      "hook-UserPromptSubmit.json",
      "hook-PostToolUse-replace_in_file.json",
      "hook-PostToolUse-execute_command-git-commit.json",
    ]],
    ["opencode", [
      "plugin-v1-tool.execute.after-edit.json",
      "plugin-v1-tool.execute.after-bash-git-commit.json",
    ]],
  ];
  for (const [agent, files] of calls) {
    for (const file of files) {
      const result = await repo.atrace(["hook"], { stdin: await fixture(repo, agent, file) });
      assertEquals(result.code, 0, `${agent}/${file}`);
    }
  }
  const sessions = JSON.parse((await repo.atrace(["list", "--json"])).stdout);
  assertEquals(sessions.length, 6);
  for (const session of sessions) {
    const view = (await repo.atrace(["view", session.id])).stdout;
    if (session.agent !== "opencode") assertStringIncludes(view, PROMPT, session.agent);
    assertStringIncludes(view, ADDED, session.agent);
    assertStringIncludes(view, "$ git add src/auth.py && git commit", session.agent);
    assertStringIncludes(view, "[main 4c1d2e7]", session.agent);
  }
});

Deno.test("cursor-agent: without an agent transcript, the CLI's store.db is read", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const id = "5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205";
  const chat = `cursor-agent-chats/ce3fa0aa9e98006977055c78d826399a/${id}`;
  const path = join(repo.home, ".cursor/chats/ce3fa0aa9e98006977055c78d826399a", id, "store.db");
  await Deno.mkdir(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    "CREATE TABLE blobs (id TEXT PRIMARY KEY, data BLOB); CREATE TABLE meta (key TEXT, value TEXT)",
  );
  const insert = db.prepare("INSERT INTO blobs VALUES (?, ?)");
  insert.run("proto", new Uint8Array([0x0a, 0x02, 0xff, 0xfe]));
  const lines = (await fixture(repo, "cursor", `${chat}/store-json-blobs.jsonl`)).trim().split(
    "\n",
  );
  lines.forEach((line, i) => insert.run(`b${i}`, new TextEncoder().encode(line)));
  db.close();
  const payload = await fixture(repo, "cursor", "hook-afterShellExecution-git-commit.json");
  assertEquals((await repo.atrace(["hook"], { stdin: payload })).stdout, "{}\n");
  const view = (await repo.atrace(["view", id])).stdout;
  assertStringIncludes(view, PROMPT);
  assertStringIncludes(view, "Done: committed as 4c1d2e7.");
  assertStringIncludes(view, "Exit code: 0");
  assertStringIncludes(view, "+    if hmac.compare_digest(token, stored_token):");
});

Deno.test("transcripts are found without a path: Gemini by id, Codex by date, OpenCode's legacy storage", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const chat = "session-2026-10-14T09-12-7f3c2a1e.jsonl";
  await put(
    join(repo.home, ".gemini/tmp/acme-api/chats", chat),
    await fixture(repo, "gemini-cli", chat),
  );
  const day = new Date().toISOString().slice(0, 10).split("-");
  const rollout = "rollout-2026-10-14T09-12-03-01a139ae-dab8-7c41-9e25-6b0d3f8a1c47.jsonl";
  await put(
    join(repo.home, ".codex/sessions", ...day, rollout),
    await fixture(repo, "codex", rollout),
  );
  const legacy = join(FIXTURES, "opencode/storage-legacy");
  for await (const file of walk(legacy)) {
    const text = (await Deno.readTextFile(file)).replaceAll("/home/dev/acme-api", repo.dir);
    await put(join(repo.home, ".local/share/opencode/storage", file.slice(legacy.length)), text);
  }
  const payloads = [
    (await fixture(repo, "gemini-cli", "hook-SessionEnd.json")).replace(
      /"transcript_path": "[^"]*",/,
      "",
    ),
    (await fixture(repo, "codex", "hook-Stop.json")).replace(/"transcript_path": "[^"]*",/, ""),
    await fixture(repo, "opencode", "plugin-v1-tool.execute.after-bash-git-commit.json"),
  ];
  for (const stdin of payloads) assertEquals((await repo.atrace(["hook"], { stdin })).code, 0);
  for (
    const [id, answer] of [
      ["7f3c2a1e", "I'll replace the `==` check"],
      ["01a139ae", "I'll swap the `==` check for `hmac.compare_digest`."],
      ["ses_1a9f", "I'll switch it to `hmac.compare_digest`."],
    ]
  ) {
    const view = (await repo.atrace(["view", id!])).stdout;
    assertStringIncludes(view, PROMPT);
    assertStringIncludes(view, answer!, id);
    assertStringIncludes(view, ADDED, id);
  }
});

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else yield path;
  }
}

Deno.test("opencode: at a stop without a database, the session comes from `opencode export <id>`", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const id = "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX";
  const doc = join(repo.home, "export.json");
  await put(doc, await fixture(repo, "opencode", `export-${id}.json`));
  const bin = join(repo.home, "bin");
  await put(
    join(bin, "opencode"),
    `#!/bin/sh\n[ "$1 $2" = "export ${id}" ] || exit 1\necho "Exporting session: $2"\ncat "${doc}"\n`,
  );
  await Deno.chmod(join(bin, "opencode"), 0o755);
  const env = { PATH: `${bin}:${Deno.env.get("PATH")}` };
  const idle = JSON.stringify({
    hook: "session.idle",
    type: "session.idle",
    properties: { sessionID: id },
    directory: repo.dir,
  });
  assertEquals(
    (await repo.atrace(["hook", "opencode", "session.idle"], { stdin: idle, env })).code,
    0,
  );
  const view = (await repo.atrace(["view", id])).stdout;
  assertStringIncludes(view, PROMPT);
  assertStringIncludes(view, "Done: `verify_token` now uses `hmac.compare_digest`");
  assertStringIncludes(view, ADDED);
});

Deno.test("opencode: a session whose transcript appears only later still gets its title from it", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await repo.write("src/auth.py", AUTH_AFTER);
  const edit = await fixture(repo, "opencode", "plugin-v1-tool.execute.after-edit.json");
  assertEquals(
    (await repo.atrace(["hook", "opencode", "tool.execute.after"], { stdin: edit })).code,
    0,
  );
  const metaPath = ".git/trace/sessions/ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX.json";
  assertEquals(JSON.parse(await repo.read(metaPath)).title, undefined);
  const sql = (await Deno.readTextFile(join(FIXTURES, "opencode/opencode-db-sample.sql")))
    .replaceAll("/home/dev/acme-api", repo.dir);
  const path = join(repo.home, ".local/share/opencode/opencode.db");
  await Deno.mkdir(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(sql);
  db.close();
  assertEquals(
    (await repo.atrace(["hook", "opencode", "tool.execute.after"], { stdin: edit })).code,
    0,
  );
  assertEquals(JSON.parse(await repo.read(metaPath)).title, PROMPT);
});
