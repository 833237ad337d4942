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
  CLAUDE,
  claudeSlug,
  CODEX,
  earlierHistory,
  placeClaude,
  placeCodex,
  snapshot,
} from "./helpers/agent_stores.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

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
