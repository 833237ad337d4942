import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./helpers/assert.ts";
import { captureClaudeEdit } from "./helpers/fixtures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

/** Writes a session exactly as the original bash tool did: .jsonl, .files, .timestamp only. */
async function legacySession(
  repo: TempRepo,
  id: string,
  stamp: string,
  transcript: string,
  files = "src/a.py\n",
) {
  await Deno.mkdir(join(repo.dir, SESSIONS), { recursive: true });
  await repo.write(`${SESSIONS}/${id}.jsonl`, transcript);
  await repo.write(`${SESSIONS}/${id}.files`, files);
  await repo.write(`${SESSIONS}/${id}.timestamp`, `${stamp}\n`);
}

const PROMPT = (text: string) =>
  JSON.stringify({ type: "user", message: { role: "user", content: text } });
const ANSWER = (text: string) =>
  JSON.stringify({
    type: "assistant",
    message: { role: "assistant", model: "m1", content: [{ type: "text", text }] },
  });

Deno.test("a store written by the original tool lists, sorts by time and views correctly", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "aaaa1111-old", "2026-01-01T10:00:00Z", PROMPT("first") + "\n");
  await legacySession(
    repo,
    "bbbb2222-new",
    "2026-03-01T10:00:00Z",
    PROMPT("second") + "\n" + ANSWER("ok") + "\n",
  );
  const list = await repo.atrace(["list"]);
  assertEquals(
    list.stdout,
    "Sessions\n\n  bbbb2222  2026-03-01T10:00:00Z  (1 file)  [local]\n  aaaa1111  2026-01-01T10:00:00Z  (1 file)  [local]\n",
  );
  assertEquals(
    JSON.parse((await repo.atrace(["list", "--json"])).stdout).map((s: { id: string }) => s.id),
    [
      "bbbb2222-new",
      "aaaa1111-old",
    ],
  );
  const view = await repo.atrace(["view", "bbbb"]);
  assertEquals(view.stdout, "Session: bbbb2222-new\n\n> second\n\nok\n");
});

Deno.test("view: array-form prompts show; malformed and truncated lines are skipped with one warning", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const arrayPrompt = JSON.stringify({
    type: "user",
    message: { role: "user", content: [{ type: "text", text: "array prompt" }, { type: "image" }] },
  });
  const transcript = [
    PROMPT("hello"),
    "{not json",
    arrayPrompt,
    ANSWER("answer"),
    '{"type":"assistant","mess',
  ].join("\n");
  await legacySession(repo, "broken-1", "2026-01-01T10:00:00Z", transcript);
  const view = await repo.atrace(["view", "broken-1"]);
  assertEquals(view.code, 0);
  assertEquals(
    view.stdout,
    "Session: broken-1\n\n> hello\n\n> array prompt\n  [image]\n\nanswer\n",
  );
  assertEquals(view.stderr, "warning: skipped 2 malformed lines in broken-1.jsonl\n");
  const json = JSON.parse((await repo.atrace(["view", "broken-1", "--json"])).stdout);
  assertEquals(json.map((m: { kind: string }) => m.kind), ["prompt", "prompt", "text"]);
});

Deno.test("ids: an ambiguous prefix lists the candidates; an unknown one is an error", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "abc-one", "2026-01-01T10:00:00Z", PROMPT("1") + "\n");
  await legacySession(repo, "abc-two", "2026-01-02T10:00:00Z", PROMPT("2") + "\n");
  const ambiguous = await repo.atrace(["view", "abc"]);
  assertEquals(ambiguous.code, 1);
  assertEquals(
    ambiguous.stderr,
    "error: session id 'abc' is ambiguous; candidates are:\n  abc-one\n  abc-two\n",
  );
  const glob = await repo.atrace(["files", "*"]);
  assertEquals([glob.code, glob.stderr], [1, "error: session not found: '*'\n"]);
  assertEquals((await repo.atrace(["files", "abc-t"])).code, 0);
});

Deno.test("share stages only that session; list merges local and shared; unshare and delete undo it", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "share-me", "2026-01-01T10:00:00Z", PROMPT("secretless") + "\n");
  await legacySession(repo, "keep-me", "2026-01-02T10:00:00Z", PROMPT("private") + "\n");
  const none = await repo.atrace(["share", "share-me"]);
  assertEquals(none.code, 1);
  assertStringIncludes(none.stderr, "error: no share directory configured");
  await repo.write(".agents/README", "agents\n");
  await repo.write("unrelated.txt", "not staged\n");
  const shared = await repo.atrace(["share", "share-me"]);
  assertEquals(shared.code, 0, shared.stderr);
  assertStringIncludes(shared.stdout, "Shared session: share-me");
  const staged = (await repo.git(["diff", "--cached", "--name-only"])).trim().split("\n");
  assert(staged.includes(".agents/sessions/share-me.jsonl"));
  assert(staged.every((p) => p.startsWith(".agents/sessions/share-me.")), staged.join(","));
  const rows = (await repo.atrace(["list"])).stdout.split("\n").filter((l) =>
    l.includes("share-me")
  );
  assertEquals(rows.length, 1);
  assertStringIncludes(rows[0]!, "[local, shared]");
  assertStringIncludes((await repo.atrace(["share", "share-me"])).stdout, "Shared session");
  const unshare = await repo.atrace(["unshare", "share-me"]);
  assertEquals(unshare.code, 0, unshare.stderr);
  assertEquals((await repo.git(["diff", "--cached", "--name-only"])).trim(), "");
  assertMatch((await repo.atrace(["list"])).stdout, /share-me .*\[local\]\n/);
  await repo.atrace(["share", "share-me"]);
  assertEquals(
    (await repo.atrace(["delete", "share-me"])).stdout,
    "Deleted local session: share-me\n",
  );
  assertStringIncludes(
    (await repo.atrace(["list"])).stdout,
    "  share-me  2026-01-01T10:00:00Z  (1 file)  [shared]",
  );
  assertEquals(
    (await repo.atrace(["view", "share-me"])).stdout,
    "Session: share-me\n\n> secretless\n",
  );
  const sharedDel = await repo.atrace(["delete", "share-me"]);
  assertEquals(sharedDel.stdout, "Deleted shared session: share-me (staged for commit)\n");
  assertEquals((await repo.git(["diff", "--cached", "--name-only"])).trim(), "");
  const del = await repo.atrace(["delete", "keep", "--force"]);
  assertEquals(del.stdout, "Deleted local session: keep-me\n");
  assertNotIncludes((await repo.atrace(["list"])).stdout, "keep-me");
});

Deno.test("share refuses a git-ignored share directory and writes nothing", async () => {
  await using repo = await tempRepo();
  await repo.commit("ignore", { ".gitignore": ".trace/\n" });
  await repo.git(["config", "atrace.sharedir", ".trace/sessions"]);
  await legacySession(repo, "s-ignored", "2026-01-01T10:00:00Z", PROMPT("x") + "\n");
  const result = await repo.atrace(["share", "s-ignored"]);
  assertEquals(result.code, 1);
  assertStringIncludes(result.stderr, "is ignored by git");
  assertEquals(await Deno.stat(join(repo.dir, ".trace")).catch(() => null), null);
  await repo.git(["config", "atrace.sharedir", join(repo.home, "elsewhere")]);
  const outside = await repo.atrace(["share", "s-ignored"]);
  assertEquals(outside.code, 1);
  assertStringIncludes(outside.stderr, "is outside the work tree");
  assertEquals(await Deno.stat(join(repo.home, "elsewhere")).catch(() => null), null);
});

Deno.test("delete names the commits still linked, and --unlink removes those links", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("work", { "src/a.py": "a\n" });
  await legacySession(repo, "linked-1", "2026-01-01T10:00:00Z", PROMPT("x") + "\n");
  await legacySession(repo, "linked-2", "2026-01-01T10:00:00Z", PROMPT("y") + "\n");
  assertEquals((await repo.atrace(["link", "linked-1"])).code, 0);
  assertEquals((await repo.atrace(["link", "linked-2", sha])).code, 0);
  const del = await repo.atrace(["delete", "linked-1", "--force"]);
  assertStringIncludes(del.stderr, `warning: still linked from ${sha.slice(0, 7)}`);
  await legacySession(repo, "linked-1", "2026-01-01T10:00:00Z", PROMPT("x") + "\n");
  const unlinked = await repo.atrace(["delete", "linked-1", "--unlink", "--force"]);
  assertStringIncludes(unlinked.stdout, `Unlinked from 1 commit: ${sha.slice(0, 7)}`);
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace", "show", sha]), "linked-2\n");
});

Deno.test("git conventions: -h, unknown commands and options, outside a repository, colour", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "colour-1", "2026-01-01T10:00:00Z", PROMPT("x") + "\n");
  const help = await repo.atrace(["list", "-h"]);
  assertEquals([help.code, help.stdout.split("\n")[0]], [129, "usage: git atrace list [--json]"]);
  const unknown = await repo.atrace(["frobnicate"]);
  assertEquals([unknown.code, unknown.stderr], [
    1,
    "git: 'frobnicate' is not a git atrace command. See 'git atrace help'.\n",
  ]);
  const badOption = await repo.atrace(["list", "--bogus"]);
  assertEquals(badOption.code, 129);
  assertMatch(
    badOption.stderr,
    /^error: unknown option '--bogus'\nusage: git atrace list \[--json\]\n$/,
  );
  const outside = await repo.atrace(["list"], { cwd: repo.home });
  assertEquals([outside.code, outside.stderr], [
    128,
    "fatal: not a git repository (or any of the parent directories): .git\n",
  ]);
  assertEquals((await repo.atrace(["help"])).code, 0);
  assertMatch(
    (await repo.atrace(["--version"])).stdout,
    /^git-atrace version \d+\.\d+\.\d+ \(deno /,
  );
  assertStringIncludes(
    (await repo.atrace(["--color=always", "list"])).stdout,
    "\x1b[36mcolour-1\x1b[0m",
  );
  assertNotIncludes((await repo.atrace(["list"])).stdout, "\x1b[");
  await repo.git(["config", "color.ui", "always"]);
  assertStringIncludes((await repo.atrace(["list"])).stdout, "\x1b[");
  assertNotIncludes((await repo.atrace(["list"], { env: { NO_COLOR: "1" } })).stdout, "\x1b[");
});

Deno.test("the session index: used while the store is quiet, rebuilt after any change, ignored when damaged", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "idx-one", "2026-01-01T10:00:00Z", PROMPT("1") + "\n");
  const dir = join(repo.dir, SESSIONS);
  const index = join(repo.dir, ".git/trace/sessions.index.json");
  const age = async () =>
    await Deno.utime(dir, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  await repo.atrace(["list"]);
  assertEquals(
    await Deno.stat(index).catch(() => null),
    null,
    "a store changed just now is not cached",
  );
  await age();
  assertStringIncludes((await repo.atrace(["list"])).stdout, "idx-one");
  assert(JSON.parse(await Deno.readTextFile(index)).dirs[dir].entries["idx-one"]);
  await legacySession(repo, "idx-two", "2026-01-02T10:00:00Z", PROMPT("2") + "\n", "src/b.py\n");
  assertStringIncludes((await repo.atrace(["show", "src/b.py"])).stdout, "idx-two");
  await age();
  await repo.atrace(["list"]);
  await Deno.remove(join(dir, "idx-one.jsonl"));
  await Deno.remove(join(dir, "idx-one.files"));
  await Deno.remove(join(dir, "idx-one.timestamp"));
  assertNotIncludes((await repo.atrace(["list"])).stdout, "idx-one");
  await Deno.writeTextFile(index, "{damaged");
  assertStringIncludes((await repo.atrace(["list"])).stdout, "idx-two");
});

Deno.test("view shows imported records: the original tool's import stub and our own import", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const trace = {
    version: "0.1",
    id: "old-import",
    timestamp: "2026-01-01T10:00:00Z",
    files: [{
      path: "src/a.py",
      conversations: [{
        ranges: [{
          start_line: 1,
          end_line: 6,
          contributor: { type: "ai", model_id: "anthropic/claude" },
        }],
      }],
    }],
    vcs: { type: "git", revision: "" },
    tool: { name: "git-atrace", version: "0.1.0" },
  };
  const stub = JSON.stringify({
    type: "import",
    timestamp: "2026-01-01T10:00:00Z",
    source: "agent-trace",
    trace,
  });
  await legacySession(repo, "old-import", "2026-01-01T10:00:00Z", stub + "\n");
  const view = await repo.atrace(["view", "old-import"]);
  assertEquals(
    view.stdout,
    "Session: old-import\n\nImported Agent Trace record old-import from git-atrace 0.1.0\n  src/a.py: lines 1-6 (anthropic/claude)\n",
  );
  await repo.write(
    "records.jsonl",
    JSON.stringify({ ...trace, version: "0.1.0", id: crypto.randomUUID(), vcs: undefined }) + "\n",
  );
  const imported = await repo.atrace(["import", "records.jsonl"]);
  assertEquals(imported.code, 0, imported.stderr);
  const id =
    JSON.parse((await repo.atrace(["list", "--json"])).stdout).find((s: { id: string }) =>
      s.id !== "old-import"
    ).id;
  assertStringIncludes(
    (await repo.atrace(["view", id])).stdout,
    "  src/a.py: lines 1-6 (anthropic/claude)",
  );
});

Deno.test("view strips terminal control sequences from transcript text (a shared session cannot drive the terminal)", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const evil = "title\x1b]0;pwned\x07 clip\x1b]52;c;ZXZpbA==\x07 clear\x1b[2J done";
  await legacySession(
    repo,
    "evil-1",
    "2026-01-01T10:00:00Z",
    PROMPT(evil) + "\n" + ANSWER(evil) + "\n",
  );
  const plain = await repo.atrace(["view", "evil-1"]);
  assertNotIncludes(plain.stdout, "\x1b");
  assertNotIncludes(plain.stdout, "\x07");
  assertStringIncludes(plain.stdout, "title]0;pwned clip]52;c;ZXZpbA== clear[2J done");
  const coloured = await repo.atrace(["--color=always", "view", "evil-1"]);
  const escapes = coloured.stdout.split("\x1b").slice(1);
  assert(
    escapes.length > 0 && escapes.every((e) => /^\[[0-9;]*m/.test(e)),
    "only colour codes remain",
  );
});

Deno.test("share: a share directory whose name looks like a pathspec stages exactly the session's files", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await repo.git(["config", "atrace.sharedir", "shared [x]*"]);
  await repo.write("shared x1/other.txt", "not mine\n");
  await legacySession(repo, "glob-1", "2026-01-01T10:00:00Z", PROMPT("x") + "\n");
  const result = await repo.atrace(["share", "glob-1"]);
  assertEquals(result.code, 0, result.stderr);
  const staged = (await repo.git(["diff", "--cached", "--name-only", "-z"])).split("\0").filter(
    Boolean,
  );
  assertEquals(staged.sort(), [
    "shared [x]*/glob-1.files",
    "shared [x]*/glob-1.jsonl",
    "shared [x]*/glob-1.timestamp",
  ]);
  assertEquals((await repo.atrace(["unshare", "glob-1"])).code, 0);
  assertEquals(await repo.git(["diff", "--cached", "--name-only"]), "");
});

Deno.test("delete --unlink removes the session's line ranges too, so blame no longer credits it", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  const sha = await repo.commit("fix");
  assertStringIncludes((await repo.atrace(["link", "7b3c"])).stdout, "(1 line)");
  assertStringIncludes(
    await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", sha]),
    "7b3c9e2a",
  );
  const del = await repo.atrace(["delete", "7b3c", "--unlink", "--force"]);
  assertStringIncludes(del.stdout, `Unlinked from 1 commit: ${sha.slice(0, 7)}`);
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "list"]), "");
  const blame = JSON.parse((await repo.atrace(["blame", "src/auth.py", "--json"])).stdout);
  const lines = Array.isArray(blame) ? blame : blame.lines;
  assertEquals(lines.flatMap((l: { sessions: unknown[] }) => l.sessions), []);
});
