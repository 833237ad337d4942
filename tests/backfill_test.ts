import { join } from "node:path";
import { EXTENSIONS } from "../src/io/store.ts";
import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./helpers/assert.ts";
import {
  APP_SINGLE,
  CLAUDE,
  claudeSlug,
  CODEX,
  earlierHistory,
  GREET,
  personCommit,
  placeCapture,
  placeClaude,
  placeCodex,
  placeGemini,
  placeOpenCode,
  placeTree,
  snapshot,
} from "./helpers/agent_stores.ts";
import { AUTH_AFTER, AUTH_BEFORE, fixture } from "./helpers/fixtures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const STORE = ".git/trace/sessions";

Deno.test("backfill: earlier Claude Code and Codex sessions are imported and linked; blame and why credit their lines with the right prompt; a second run changes nothing", async () => {
  await using repo = await tempRepo();
  const claudeDir = await placeClaude(repo);
  await placeCodex(repo);
  const commits = await earlierHistory(repo);

  const run = await repo.atrace(["backfill"]);
  assertEquals(run.code, 0, run.stderr);
  assertEquals(run.stderr, "");
  assertStringIncludes(run.stdout, "Imported 4 sessions (4 new)\n");
  assertStringIncludes(
    run.stdout,
    "  new    b4a968cb  claude-code  2026-11-20 00:29  Create a tiny Python greeting app in src/app.py and commit it.\n",
  );
  assertStringIncludes(
    run.stdout,
    "  new    01a229e3  codex        2026-11-30 00:38  Create src/greet.py with a greet function, use an f-string, then commit it.\n",
  );
  assertStringIncludes(run.stdout, "Linked 3 commits (20 lines)\n");
  assertStringIncludes(run.stdout, `  ${commits.app.slice(0, 7)}  b4a968cb  10 lines\n`);
  assertStringIncludes(run.stdout, `  ${commits.farewell.slice(0, 7)}  63e269c9  4 lines\n`);
  assertStringIncludes(run.stdout, `  ${commits.greet.slice(0, 7)}  01a229e3  6 lines\n`);

  // The store holds each session in the hooks' format, the transcript copied as it is.
  const store = await snapshot(join(repo.dir, STORE));
  for (const id of [CLAUDE.app, CLAUDE.farewell, CODEX.classic]) {
    for (const ext of EXTENSIONS) assert(`${id}${ext}` in store, `${id}${ext} is missing`);
  }
  // A session that edited nothing has no files list, as with the hooks.
  assertEquals(
    EXTENSIONS.filter((ext) => `${CLAUDE.nothing}${ext}` in store),
    EXTENSIONS.filter((ext) => ext !== ".files"),
  );
  assertEquals(
    store[`${CLAUDE.app}.jsonl`],
    await Deno.readTextFile(join(claudeDir, `${CLAUDE.app}.jsonl`)),
  );
  assertEquals(store[`${CLAUDE.app}.files`], "src/app.py\n");
  assertEquals(store[`${CLAUDE.app}.timestamp`], "2026-11-20T00:29:42Z\n");
  const meta = JSON.parse(store[`${CLAUDE.app}.json`]!);
  assertEquals(
    [meta.agent, meta.model, meta.agentVersion, meta.cwd, meta.title],
    [
      "claude-code",
      "claude-opus-4-8",
      "2.1.197",
      repo.dir,
      "Create a tiny Python greeting app in src/app.py and commit it.",
    ],
  );
  assertEquals(meta.counts, { events: 4, prompts: 1, edits: 2, shell: 1 });
  const codexMeta = JSON.parse(store[`${CODEX.classic}.json`]!);
  assertEquals([codexMeta.agent, codexMeta.model], ["codex", "gpt-5.5"]);

  // blame and why credit each session's lines; the person's own line stays untracked.
  const blame = JSON.parse((await repo.atrace(["blame", "src/app.py", "--json"])).stdout);
  const by = (n: number) => blame[n - 1].sessions.map((s: { id: string }) => s.id);
  assertEquals([by(1), by(2), by(5), by(6), by(10), by(15)], [
    [CLAUDE.app],
    [CLAUDE.app],
    [CLAUDE.farewell],
    [CLAUDE.farewell],
    [CLAUDE.app],
    [],
  ]);
  const why = await repo.atrace(["why", "src/app.py:2"]);
  assertStringIncludes(why.stdout, `session  ${CLAUDE.app} (wrote this line)\n`);
  assertMatch(why.stdout, /Prompt\n {2}Create a tiny Python greeting app in src\/app\.py/);
  const farewell = await repo.atrace(["why", "src/app.py:5"]);
  assertStringIncludes(farewell.stdout, `session  ${CLAUDE.farewell} (wrote this line)\n`);
  assertStringIncludes(farewell.stdout, "tool     Edit toolu_01");
  assertMatch(farewell.stdout, /Prompt\n {2}Add a farewell function to src\/app\.py/);
  const byHand = await repo.atrace(["why", "src/app.py:15"]);
  assertStringIncludes(byHand.stdout, "No session is linked to this line (untracked).");
  const codex = JSON.parse((await repo.atrace(["why", "src/greet.py:2", "--json"])).stdout);
  assertEquals([codex.session.id, codex.agent, codex.toolCallId], [
    CODEX.classic,
    "codex",
    "call_patch_5",
  ]);
  assertMatch(codex.prompt, /^Create src\/greet\.py with a greet function/);

  // A second run finds everything in place: same files, same notes.
  const notes = () => repo.git(["for-each-ref", "refs/notes/"]);
  const before = { store: await snapshot(join(repo.dir, STORE)), notes: await notes() };
  const again = await repo.atrace(["backfill"]);
  assertEquals(again.code, 0, again.stderr);
  assertEquals(
    again.stdout,
    "Imported 0 sessions (4 up to date)\nLinked 0 commits (0 lines); 3 links already recorded\n",
  );
  assertEquals({ store: await snapshot(join(repo.dir, STORE)), notes: await notes() }, before);
});

Deno.test("backfill -n lists the sessions and links it would add and writes nothing", async () => {
  await using repo = await tempRepo();
  await placeClaude(repo);
  await placeCodex(repo);
  const commits = await earlierHistory(repo);
  const dry = await repo.atrace(["backfill", "--dry-run"]);
  assertEquals(dry.code, 0, dry.stderr);
  assertStringIncludes(dry.stdout, "Would import 4 sessions (4 new)\n");
  assertStringIncludes(dry.stdout, "Would link 3 commits (20 lines)\n");
  assertStringIncludes(dry.stdout, `  ${commits.greet.slice(0, 7)}  01a229e3  6 lines\n`);
  assertEquals(await snapshot(join(repo.dir, ".git", "trace")), {});
  assertEquals(await repo.git(["for-each-ref", "refs/notes/"]), "");
});

Deno.test("backfill --since and --agent narrow it; an unknown agent or date is a usage error", async () => {
  await using repo = await tempRepo();
  await placeClaude(repo);
  await placeCodex(repo);
  await earlierHistory(repo);
  const recent = await repo.atrace(["backfill", "-n", "--since", "2026-11-25"]);
  assertStringIncludes(recent.stdout, "Would import 1 session (1 new)\n");
  assertStringIncludes(recent.stdout, "01a229e3  codex");
  assertNotIncludes(recent.stdout, "claude-code");
  const claude = await repo.atrace(["backfill", "--agent", "claude"]);
  assertStringIncludes(claude.stdout, "Imported 3 sessions (3 new)\n");
  assertStringIncludes(claude.stdout, "Linked 2 commits (14 lines)\n");
  assertNotIncludes(claude.stdout, "codex");
  const both = await repo.atrace(["backfill", "--agent", "codex", "--agent", "claude-code"]);
  assertStringIncludes(both.stdout, "Imported 1 session (1 new, 3 up to date)\n");
  const unknown = await repo.atrace(["backfill", "--agent", "emacs"]);
  assertEquals(unknown.code, 129);
  assertStringIncludes(unknown.stderr, "unknown agent 'emacs'");
  const badDate = await repo.atrace(["backfill", "--since", "whenever"]);
  assertEquals(badDate.code, 129);
  assertStringIncludes(badDate.stderr, "invalid date 'whenever'");
});

Deno.test("backfill reads CLAUDE_CONFIG_DIR and CODEX_HOME, and nothing of another repository", async () => {
  await using repo = await tempRepo();
  const claudeDir = join(repo.home, "elsewhere", "claude");
  const codexHome = join(repo.home, "elsewhere", "codex");
  await placeClaude(repo, claudeDir);
  await placeCodex(repo, codexHome);
  await earlierHistory(repo);
  // The default places hold a session of another repository whose folder name starts alike.
  const other = `${repo.dir}-other`;
  const stray = join(repo.home, ".claude", "projects", claudeSlug(other), `${CLAUDE.app}.jsonl`);
  await Deno.mkdir(join(stray, ".."), { recursive: true });
  await Deno.writeTextFile(
    stray,
    (await Deno.readTextFile(
      join(claudeDir, "projects", claudeSlug(repo.dir), `${CLAUDE.app}.jsonl`),
    ))
      .replaceAll(repo.dir, other),
  );
  const env = { CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexHome };
  const run = await repo.atrace(["backfill", "-n"], { env });
  assertStringIncludes(run.stdout, "Would import 4 sessions (4 new)\n");
  const defaults = await repo.atrace(["backfill", "-n"]);
  assertEquals(defaults.stdout, "No sessions of this repository found in the agents' stores\n");
});

Deno.test("install ends by offering backfill when the agent's store holds earlier sessions", async () => {
  await using repo = await tempRepo();
  await placeClaude(repo);
  await earlierHistory(repo);
  const install = await repo.atrace(["install", "claude-code"]);
  assertEquals(install.code, 0, install.stderr);
  assertStringIncludes(
    install.stdout,
    "3 earlier sessions of this repository found; run `git atrace backfill` to link them\n",
  );
  await repo.atrace(["backfill"]);
  const again = await repo.atrace(["install", "claude-code"]);
  assertNotIncludes(again.stdout, "earlier session");
  const codex = await repo.atrace(["install", "codex"]);
  assertNotIncludes(codex.stdout, "earlier session");
});

Deno.test("backfill reads Gemini CLI's chats, OpenCode's database, Copilot CLI's and Cline's session folders and Cursor's transcripts, and links their lines", async () => {
  const cases: {
    agent: string;
    place: (repo: TempRepo) => Promise<unknown>;
    title: string;
    files: Record<string, string>;
    before?: Record<string, string>;
    date: string;
  }[] = [
    {
      agent: "gemini-cli",
      place: placeGemini,
      title: "Create src/app.py with a greet function, use an f-string, then commit it.",
      files: { "src/app.py": GREET },
      date: "2026-11-30T01:00:00Z",
    },
    {
      agent: "opencode",
      place: placeOpenCode,
      // OpenCode stored the prompt in quotes.
      title: '"Create src/app.py with a greet function, make the greeting an f-string',
      files: { "src/app.py": APP_SINGLE },
      date: "2026-11-30T01:00:00Z",
    },
    {
      agent: "copilot-cli",
      place: (repo) => placeTree(repo, "copilot-cli", ".copilot"),
      title: "Create src/app.py with a greet function, make the greeting an f-string",
      files: { "src/app.py": APP_SINGLE },
      date: "2026-11-30T01:00:00Z",
    },
    {
      agent: "cline",
      place: (repo) => placeTree(repo, "cline", ".cline"),
      title: "Create src/app.py with a greet function",
      files: { "src/app.py": APP_SINGLE },
      date: "2026-11-30T01:00:00Z",
    },
    {
      agent: "cursor",
      place: placeCursor,
      title: "verify_token compares secrets with ==; make it constant-time and commit the fix",
      before: { "src/auth.py": AUTH_BEFORE },
      files: { "src/auth.py": AUTH_AFTER },
      // Cursor's transcripts carry no times: the file's own time bounds the session.
      date: new Date().toISOString(),
    },
  ];
  for (const c of cases) {
    await using repo = await tempRepo();
    await c.place(repo);
    await personCommit(repo, "init", c.before ?? { "README.md": "hi\n" }, "2026-11-01T00:00:00Z");
    const sha = await personCommit(repo, "work", c.files, c.date);
    const run = await repo.atrace(["backfill"]);
    assertEquals(run.code, 0, `${c.agent}: ${run.stderr}`);
    assertMatch(
      run.stdout,
      new RegExp(`new +\\S+ +${c.agent} +\\S+ \\S+ +.*${escape(c.title)}`),
      c.agent,
    );
    assertMatch(
      run.stdout,
      new RegExp(`Linked 1 commit \\(\\d+ lines?\\)\\n  ${sha.slice(0, 7)} `),
      c.agent,
    );
    const blame = JSON.parse(
      (await repo.atrace(["blame", Object.keys(c.files)[0]!, "--json"])).stdout,
    );
    assert(
      blame.some((l: { sessions: { match: string }[] }) => l.sessions[0]?.match === "range"),
      `${c.agent}: no line credited`,
    );
  }
});

Deno.test("backfill merges a session the hooks captured: one session, no event twice; a grown transcript adds only its new acts", async () => {
  await using repo = await tempRepo();
  const dir = await placeClaude(repo);
  const transcript = join(dir, `${CLAUDE.app}.jsonl`);
  const full = await Deno.readTextFile(transcript);
  // The hooks saw the session while its transcript held its first half.
  const lines = full.split("\n");
  await Deno.writeTextFile(transcript, lines.slice(0, 8).join("\n") + "\n");
  for (const name of ["UserPromptSubmit", "PostToolUse-Write"]) {
    const payload = await placeCapture(
      repo,
      `claude-code/hook-${name}.json`,
      join(repo.home, "payload.json"),
      (t) => t.replaceAll("-home-dev-project", claudeSlug(repo.dir)),
    );
    const hook = await repo.atrace(["hook"], { stdin: await Deno.readTextFile(payload) });
    assertEquals([hook.code, hook.stdout, hook.stderr], [0, "", ""]);
  }
  const events = () => repo.read(`${STORE}/${CLAUDE.app}${EXTENSIONS[4]}`);
  const kinds = async () => (await events()).trim().split("\n").map((l) => JSON.parse(l).kind);
  assertEquals(await kinds(), ["prompt", "edit"]);

  const first = await repo.atrace(["backfill", "--agent", "claude"]);
  assertStringIncludes(first.stdout, "Imported 2 sessions (2 new, 1 up to date)\n");
  assertEquals(await kinds(), ["prompt", "edit"]);

  await Deno.writeTextFile(transcript, full);
  await earlierHistory(repo);
  const second = await repo.atrace(["backfill", "--agent", "claude"]);
  assertStringIncludes(second.stdout, "Imported 1 session (1 merged, 2 up to date)\n");
  assertEquals(await kinds(), ["prompt", "edit", "edit", "shell"]);
  assertEquals(await repo.read(`${STORE}/${CLAUDE.app}.jsonl`), full);
  const list = await repo.atrace(["list"]);
  assertEquals(list.stdout.split("\n").filter((l) => l.includes("b4a968cb")).length, 1);
  const why = await repo.atrace(["why", "src/app.py:2"]);
  assertStringIncludes(why.stdout, `session  ${CLAUDE.app} (wrote this line)\n`);
});

/** Cursor's agent transcript (the synthetic fixture: no real capture exists) in its project folder. */
async function placeCursor(repo: TempRepo) {
  const id = "5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205";
  const slug = repo.dir.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-/, "");
  const path = join(repo.home, ".cursor", "projects", slug, "agent-transcripts", id, `${id}.jsonl`);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(
    path,
    await fixture(repo, "cursor", `agent-transcripts/${id}/${id}.jsonl`),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

Deno.test("backfill treats the agents' stores as hostile: no symlink or FIFO is followed, damaged lines are skipped and counted, edits outside the repository are neither linked nor written", async () => {
  await using repo = await tempRepo();
  const dir = await placeClaude(repo);
  await earlierHistory(repo);
  const original = await Deno.readTextFile(join(dir, `${CLAUDE.farewell}.jsonl`));
  // A transcript kept outside the store, reached by a symlinked file and a symlinked project folder.
  const secret = join(repo.home, "secret");
  await Deno.mkdir(secret);
  const foreign = "0badf00d-0000-4000-8000-000000000001";
  await Deno.writeTextFile(
    join(secret, `${foreign}.jsonl`),
    original.replaceAll("Add a farewell function", "TOPSECRET"),
  );
  await Deno.symlink(join(secret, `${foreign}.jsonl`), join(dir, `${foreign}.jsonl`));
  await Deno.symlink(secret, `${dir}-linked`);
  // A FIFO would block a reader forever.
  const fifo = await new Deno.Command("mkfifo", {
    args: [join(dir, "0badf00d-0000-4000-8000-000000000002.jsonl")],
  }).output();
  assert(fifo.success);
  await Deno.writeTextFile(join(dir, ".hidden.jsonl"), original);
  // Damaged lines, and an edit of a file outside the repository.
  const outside = join(repo.home, "outside.txt");
  const escape = JSON.stringify({
    type: "assistant",
    timestamp: "2026-11-20T00:29:45.000Z",
    cwd: repo.dir,
    message: {
      role: "assistant",
      model: "claude-opus-4-8",
      content: [{
        type: "tool_use",
        id: "toolu_outside",
        name: "Write",
        input: { file_path: outside, content: "escape\n" },
      }],
    },
  });
  const lines = original.trimEnd().split("\n");
  lines.splice(3, 0, "{not json", "\u0000\u0001garbage", escape);
  await Deno.writeTextFile(join(dir, `${CLAUDE.farewell}.jsonl`), lines.join("\n") + "\n");
  const codexDir = join(repo.home, ".codex", "sessions", "2026", "11", "30");
  await Deno.mkdir(codexDir, { recursive: true });
  await Deno.writeTextFile(join(codexDir, "rollout-2026-11-30T00-00-00-x.jsonl"), "garbage\n");
  await Deno.writeTextFile(
    join(codexDir, "rollout-2026-11-30T00-00-01-y.jsonl"),
    JSON.stringify({ type: "session_meta", payload: { id: "../../evil", cwd: repo.dir } }) + "\n",
  );
  const home = await snapshot(repo.home);

  const run = await repo.atrace(["backfill"]);
  assertEquals(run.code, 0, run.stderr);
  assertEquals(run.stderr, "warning: skipped 2 malformed transcript lines in 1 session\n");
  assertStringIncludes(run.stdout, "Imported 3 sessions (3 new)\n");
  assertStringIncludes(run.stdout, "Linked 2 commits (14 lines)\n");
  const store = await snapshot(join(repo.dir, STORE));
  assertEquals(Object.keys(store).filter((f) => f.startsWith("0badf00d")), []);
  assert(!Object.values(store).some((text) => text.includes("TOPSECRET")));
  assertEquals(store[`${CLAUDE.farewell}.files`], `${outside}\nsrc/app.py\n`);
  assertEquals(await snapshot(repo.home), home);
  assertEquals(await Deno.stat(outside).catch(() => null), null);
  const records = await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "list"]);
  assertEquals(records.trim().split("\n").length, 2);
});

Deno.test("backfill leaves out a session deleted since it imported it", async () => {
  await using repo = await tempRepo();
  await placeClaude(repo);
  await earlierHistory(repo);
  await repo.atrace(["backfill"]);
  const deleted = await repo.atrace(["delete", "--unlink", "--force", CLAUDE.farewell]);
  assertEquals(deleted.code, 0, deleted.stderr);
  const again = await repo.atrace(["backfill"]);
  assertEquals(
    again.stdout,
    "Imported 0 sessions (2 up to date, 1 deleted since, left out)\nLinked 0 commits (0 lines); 1 link already recorded\n",
  );
  const list = await repo.atrace(["list"]);
  assertNotIncludes(list.stdout, "63e269c9");
});

Deno.test("backfill: a Claude Code subagent's edits are its session's (its prompt is not the user's)", async () => {
  await using repo = await tempRepo();
  const dir = await placeClaude(repo);
  const helper = "def helper(value):\n    return sorted(set(value))\n";
  const at = (s: number) => `2026-11-20T00:29:5${s}.000Z`;
  const common = { isSidechain: true, agentId: "a1", sessionId: CLAUDE.app, cwd: repo.dir };
  const lines = [
    {
      ...common,
      type: "user",
      timestamp: at(0),
      message: { role: "user", content: "Write the helper." },
    },
    {
      ...common,
      type: "assistant",
      timestamp: at(1),
      message: {
        role: "assistant",
        model: "claude-opus-4-8",
        content: [{
          type: "tool_use",
          id: "toolu_sub_1",
          name: "Write",
          input: { file_path: join(repo.dir, "src/helper.py"), content: helper },
        }],
      },
    },
    {
      ...common,
      type: "user",
      timestamp: at(2),
      message: {
        role: "user",
        content: [{ tool_use_id: "toolu_sub_1", type: "tool_result", content: "ok" }],
      },
      toolUseResult: { type: "create", filePath: join(repo.dir, "src/helper.py"), content: helper },
    },
  ];
  await Deno.mkdir(join(dir, CLAUDE.app, "subagents"), { recursive: true });
  await Deno.writeTextFile(
    join(dir, CLAUDE.app, "subagents", "agent-a1.jsonl"),
    lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
  );
  await earlierHistory(repo);
  const sha = await personCommit(
    repo,
    "helper",
    { "src/helper.py": helper },
    "2026-11-20T02:00:00Z",
  );
  const run = await repo.atrace(["backfill", "--agent", "claude"]);
  assertStringIncludes(run.stdout, `  ${sha.slice(0, 7)}  b4a968cb  2 lines\n`);
  const events = (await repo.read(`${STORE}/${CLAUDE.app}${EXTENSIONS[4]}`)).trim().split("\n")
    .map((l) => JSON.parse(l));
  assertEquals(events.filter((e) => e.kind === "prompt").map((e) => e.prompt), [
    "Create a tiny Python greeting app in src/app.py and commit it.",
  ]);
  assert(events.some((e) => e.toolCallId === "toolu_sub_1" && e.edits[0].path === "src/helper.py"));
  assertEquals(await repo.read(`${STORE}/${CLAUDE.app}.files`), "src/app.py\nsrc/helper.py\n");
});
