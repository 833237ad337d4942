import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { stripJsonc } from "../src/core/jsonc.ts";
import { captureClaudeEdit } from "./helpers/fixtures.ts";
import { legacySession } from "./helpers/legacy_session.ts";
import { PROJECT, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";
import stringWidth from "string-width";

Deno.test("a mistyped command gets git's 'did you mean'", async () => {
  await using repo = await tempRepo();
  const typo = await repo.atrace(["lst"]);
  assertEquals([typo.code, typo.stdout], [1, ""]);
  assertEquals(
    typo.stderr,
    "git: 'lst' is not a git atrace command. See 'git atrace help'.\n\n" +
      "The most similar command is\n\tlist\n",
  );
  const prefix = await repo.atrace(["un"]);
  assertStringIncludes(
    prefix.stderr,
    "The most similar commands are\n\tunlink\n\tunshare\n\tuninstall\n",
  );
  const far = await repo.atrace(["frobnicate"]);
  assertEquals(
    far.stderr,
    "git: 'frobnicate' is not a git atrace command. See 'git atrace help'.\n",
  );
});

Deno.test("stats leaves shared session files out: they are not code", async () => {
  await using repo = await tempRepo();
  await repo.commit("code", { "app.py": "a = 1\nb = 2\n" });
  await legacySession(repo, "5ea5e5e5-0000-4000-8000-000000000001");
  await Deno.mkdir(`${repo.dir}/.agents`);
  const shared = await repo.atrace(["share", "5ea5e5e5"]);
  assertEquals(shared.code, 0, shared.stderr);
  await repo.commit("share the session");
  await repo.git(["config", "atrace.sharedir", "team/sessions"]);
  await legacySession(repo, "5ea5e5e5-0000-4000-8000-000000000002");
  assertEquals((await repo.atrace(["share", "5ea5e5e5-0000-4000-8000-000000000002"])).code, 0);
  await repo.commit("share another", { "app.py": "a = 1\nb = 2\nc = 3\n" });
  const stats = JSON.parse((await repo.atrace(["stats", "--json"])).stdout);
  assertEquals([stats.commits, stats.added, stats.untracked], [3, 3, 3]);
  const fromSubdir = await repo.atrace(["stats", "--json"], { cwd: `${repo.dir}/team` });
  assertEquals(JSON.parse(fromSubdir.stdout).added, 3);
  assert(stats.byAgent.length === 0);
  assertMatch((await repo.atrace(["stats"])).stdout, /untracked +3/);
});

Deno.test("titles are kept whole in list --json, share and export; list and view cut them by display width", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const id = "717e1e00-0000-4000-8000-000000000001";
  const title =
    "把登录页面的错误提示改成中文，并且在密码错误三次之后锁定账户十五分钟 🔒 then write tests for the lockout, the counter reset after a good login, and the messages";
  const hook = await repo.atrace(["hook", "claude-code"], {
    stdin: JSON.stringify({
      session_id: id,
      transcript_path: `${repo.home}/none.jsonl`,
      cwd: repo.dir,
      hook_event_name: "UserPromptSubmit",
      prompt: `${title}\nand keep the old messages as a fallback`,
    }),
  });
  assertEquals(hook.code, 0);
  assertEquals(JSON.parse((await repo.atrace(["list", "--json"])).stdout)[0].title, title);
  const line = (await repo.atrace(["list"])).stdout.split("\n").find((l) =>
    l.includes("717e1e00")
  )!;
  const shown = line.slice(line.indexOf("把"));
  assert(shown.endsWith("…"), shown);
  assert(stringWidth(shown) <= 60 && stringWidth(shown) >= 58, `${stringWidth(shown)}: ${shown}`);
  const view = (await repo.atrace(["view", id])).stdout.split("\n")[0]!;
  assert(stringWidth(view) <= "Session: ".length + id.length + 2 + 60, view);

  await Deno.mkdir(`${repo.dir}/.agents`);
  assertEquals((await repo.atrace(["share", id])).code, 0);
  const shared = JSON.parse(await repo.read(`.agents/sessions/${id}.json`));
  assertEquals(shared.title, title);
  const record = JSON.parse((await repo.atrace(["export", id])).stdout);
  assertEquals(record.metadata["dev.git-atrace.session"].title, title);
});

Deno.test("link to a commit where no line matches the session's edits says so", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("person's work", { "a.txt": "written by a person\n" });
  await legacySession(repo, "11ce0000-0000-4000-8000-000000000001");
  const linked = await repo.atrace(["link", "11ce0000"]);
  assertEquals(linked.code, 0);
  assertEquals(linked.stdout, `Linked 11ce0000 to commit ${sha.slice(0, 7)} (no lines match)\n`);
  assertEquals(
    linked.stderr,
    `warning: no line of commit ${
      sha.slice(0, 7)
    } matches an edit recorded in session '11ce0000': it is linked to the commit as a whole (blame shows '~11ce0000')\n`,
  );
  const again = await repo.atrace(["link", "11ce0000"]);
  assertEquals(again.stdout, "Session already linked to this commit (no lines match)\n");
});

Deno.test("share refuses a share dir git cannot stage (inside .git, outside, another repository, ignored) instead of saying 'staged'", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n", ".gitignore": "private/\n" });
  await legacySession(repo, "5a1e0000-0000-4000-8000-000000000001");
  await repo.git(["init", "-q", "vendor/lib"]);
  const cases: [string, string][] = [
    [
      ".git/foo",
      "the share directory '.git/foo' is inside git's own directory, where git stages nothing",
    ],
    ["sub/../.git/sessions", "the share directory '.git/sessions' is inside git's own directory"],
    [`${repo.home}/elsewhere`, "is outside the work tree"],
    [
      "vendor/lib/sessions",
      "the share directory 'vendor/lib/sessions' is inside another repository",
    ],
    ["private/sessions", "the share directory 'private/sessions' is ignored by git"],
  ];
  for (const [dir, message] of cases) {
    await repo.git(["config", "atrace.sharedir", dir]);
    const out = await repo.atrace(["share", "5a1e0000"]);
    assertEquals(out.code, 1, dir);
    assertEquals(out.stdout, "", dir);
    assertStringIncludes(out.stderr, message, dir);
    assertStringIncludes(out.stderr, "; point atrace.sharedir elsewhere in the work tree", dir);
  }
  assertEquals(await Deno.stat(`${repo.dir}/.git/foo`).catch(() => null), null);
  await repo.git(["config", "atrace.sharedir", "team/sessions"]);
  const ok = await repo.atrace(["share", "5a1e0000"]);
  assertStringIncludes(ok.stdout, "and staged for commit");
  assertStringIncludes(
    await repo.git(["diff", "--cached", "--name-only"]),
    "team/sessions/5a1e0000",
  );
});

Deno.test("a second init says it was already set up; an older hook of ours is updated", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const first = await repo.atrace(["init"]);
  assertStringIncludes(first.stdout, "installed post-commit hook");
  const second = await repo.atrace(["init"]);
  assertEquals(second.code, 0);
  assertEquals(
    second.stdout,
    "git-atrace is already set up in this repository: post-commit and post-rewrite hooks, notes rewrite config (nothing changed)\n",
  );
  const hook = await repo.read(".git/hooks/post-commit");
  await repo.write(".git/hooks/post-commit", hook.replace("exit $status", "exit  $status"));
  await repo.git(["config", "--unset", "notes.rewrite.amend"]);
  const third = await repo.atrace(["init"]);
  assertEquals(
    third.stdout,
    `updated post-commit hook: ${repo.dir}/.git/hooks/post-commit\n` +
      `already installed: post-rewrite hook: ${repo.dir}/.git/hooks/post-rewrite\n` +
      "set notes.rewrite.amend=true\n",
  );
  assertEquals(await repo.read(".git/hooks/post-commit"), hook);
});

Deno.test("install/uninstall edit a Gemini settings.json with comments and trailing commas, keeping them", async () => {
  await using repo = await tempRepo();
  const settings = `{
  // Gemini CLI accepts JSON with comments (JSONC).
  "theme": "GitHub", /* the light one */
  "security": {
    "auth": { "selectedType": "gemini-api-key" }, // trailing comma next
  },
  "hooks": {
    // my own hook stays
    "BeforeTool": [{ "matcher": "run_shell_command", "hooks": [{ "type": "command", "command": "audit.sh" }] }],
  },
}
`;
  await repo.write(".gemini/settings.json", settings);
  const installed = await repo.atrace(["install", "gemini-cli"]);
  assertEquals(installed.code, 0, installed.stderr);
  const after = await repo.read(".gemini/settings.json");
  for (
    const kept of [
      "// Gemini CLI accepts JSON with comments (JSONC).",
      '"theme": "GitHub", /* the light one */',
      "// trailing comma next",
      "// my own hook stays",
      '"command": "audit.sh"',
    ]
  ) assertStringIncludes(after, kept);
  assertStringIncludes(after, '"AfterTool"');
  assertStringIncludes(after, "git-atrace");
  assertEquals(await repo.read(".gemini/settings.json.bak"), settings);
  const doctor = await repo.atrace(["install", "gemini-cli"]);
  assertEquals(doctor.code, 0, doctor.stderr);
  assertEquals(await repo.read(".gemini/settings.json"), after, "a second install changes nothing");
  const removed = await repo.atrace(["uninstall", "gemini-cli"]);
  assertEquals(removed.code, 0, removed.stderr);
  const back = await repo.read(".gemini/settings.json");
  assert(!back.includes("git-atrace"), back);
  for (
    const kept of [
      "// Gemini CLI accepts",
      "/* the light one */",
      "// my own hook stays",
      "audit.sh",
    ]
  ) {
    assertStringIncludes(back, kept);
  }
});

Deno.test("delete of a session with no shared copy needs --force (or a yes on a terminal): it cannot be undone", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await legacySession(repo, "de1e7e00-0000-4000-8000-000000000001");
  const refused = await repo.atrace(["delete", "de1e7e00"], { stdin: "y\n" });
  assertEquals([refused.code, refused.stdout], [1, ""]);
  assertEquals(
    refused.stderr,
    "error: session 'de1e7e00' exists only here (no shared copy): deleting it cannot be undone; pass --force to delete it\n",
  );
  assert(
    await Deno.stat(`${repo.dir}/.git/trace/sessions/de1e7e00-0000-4000-8000-000000000001.jsonl`),
  );
  // Asked on a terminal: `script` gives the command one; "n" keeps the session, "y" deletes it.
  const tty = async (answer: string) => {
    const cmd = `printf '${answer}\\n' | script -qec 'git atrace delete de1e7e00' /dev/null`;
    const out = await new Deno.Command("sh", {
      args: ["-c", cmd],
      cwd: repo.dir,
      env: { ...repo.env, PATH: `${await atraceBin(repo)}:${repo.env.PATH}` },
      clearEnv: true,
    }).output();
    return new TextDecoder().decode(out.stdout);
  };
  if (new Deno.Command("sh", { args: ["-c", "command -v script"] }).outputSync().success) {
    const no = await tty("n");
    assertStringIncludes(
      no,
      "Delete session 'de1e7e00' exists only here (no shared copy)? This cannot be undone. [y/N]",
    );
    assertStringIncludes(no, "error: not deleted");
    assert(
      await Deno.stat(`${repo.dir}/.git/trace/sessions/de1e7e00-0000-4000-8000-000000000001.jsonl`),
    );
    assertMatch(await tty("y"), /Deleted local session: \S*de1e7e00/);
  }
  await legacySession(repo, "de1e7e00-0000-4000-8000-000000000001");
  const forced = await repo.atrace(["delete", "de1e7e00", "--force"]);
  assertEquals([forced.code, forced.stdout], [0, "Deleted local session: de1e7e00\n"]);
  // A session with a shared copy: deleting the local copy loses nothing, so no question.
  await legacySession(repo, "de1e7e00-0000-4000-8000-000000000002");
  await Deno.mkdir(`${repo.dir}/.agents`);
  await repo.atrace(["share", "de1e7e00-0000-4000-8000-000000000002"]);
  const local = await repo.atrace(["delete", "de1e7e00-0000-4000-8000-000000000002"]);
  assertEquals([local.code, local.stdout], [0, "Deleted local session: de1e7e00\n"]);
});

/** A directory with a `git-atrace` running this checkout's main.ts, for commands run through a shell. */
async function atraceBin(repo: TempRepo): Promise<string> {
  const bin = `${repo.home}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  await Deno.writeTextFile(
    `${bin}/git-atrace`,
    `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet --config="${PROJECT}/deno.json" "${PROJECT}/main.ts" "$@"\n`,
  );
  await Deno.chmod(`${bin}/git-atrace`, 0o755);
  return bin;
}

Deno.test("view and why print diffs with @@ line numbers where the hook saw the edit land", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  const view = await repo.atrace(["view", "7b3c"]);
  assertMatch(view.stdout, /^ {2}@@ -5,6 \+5,6 @@\n(.*\n){3} {2}- {4}if token == stored_token:\n/m);
  await repo.commit("fix");
  await repo.atrace(["link", "7b3c"]);
  const why = await repo.atrace(["why", "src/auth.py:8"]);
  assertStringIncludes(why.stdout, "@@ -5,6 +5,6 @@");
});

Deno.test("why on an imported session labels the import's summary as such, not as the assistant's words", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("initial", { "a.txt": "one\ntwo\n" });
  const record = {
    version: "0.1.0",
    id: "1a2b3c4d-0000-4000-8000-000000000001",
    timestamp: "2026-01-02T03:04:05Z",
    vcs: { type: "git", revision: sha },
    files: [{ path: "a.txt", conversations: [{ ranges: [{ start_line: 2, end_line: 2 }] }] }],
  };
  assertEquals((await repo.atrace(["import", "-"], { stdin: JSON.stringify(record) })).code, 0);
  const why = await repo.atrace(["why", "a.txt:2"]);
  assertEquals(why.code, 0, why.stderr);
  assert(!why.stdout.includes("Assistant"), why.stdout);
  assertMatch(why.stdout, /\nImported record\n {2}Imported Agent Trace record 1a2b3c4d-/);
  const json = JSON.parse((await repo.atrace(["why", "a.txt:2", "--json"])).stdout);
  assertEquals([json.assistant.length, json.imported.length], [0, 1]);
});

Deno.test("search finds sessions by their prompts, answers, tool inputs and file paths", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  await legacySession(repo, "5eac0000-0000-4000-8000-000000000001", { files: "docs/Compare.md\n" });
  const prompt = await repo.atrace(["search", "COMPARES secrets"]);
  assertEquals(prompt.code, 0, prompt.stderr);
  assertMatch(
    prompt.stdout,
    /^7b3c9e2a {2}claude-code {2}\S+\n {2}prompt #1: verify_token compares secrets with ==/,
  );
  const tool = await repo.atrace(["search", "hmac.compare_digest", "--json"]);
  const [hit] = JSON.parse(tool.stdout);
  assertEquals(hit.id, "7b3c9e2a-4f1d-4c8b-9a6e-2d5f8c1b0e34");
  assert(hit.hits.some((h: { where: string }) => h.where === "tool Edit"), JSON.stringify(hit));
  assert(hit.hits.some((h: { where: string }) => h.where === "answer"), JSON.stringify(hit));
  const file = JSON.parse((await repo.atrace(["search", "compare.md", "--json"])).stdout);
  assertEquals(file.map((s: { id: string }) => s.id), ["5eac0000-0000-4000-8000-000000000001"]);
  assertEquals(file[0].hits[0], { where: "file", snippet: "docs/Compare.md", at: [5, 15] });
  const none = await repo.atrace(["search", "no such words anywhere"]);
  assertEquals([none.code, none.stdout], [1, ""]);
});

Deno.test("stripJsonc() drops comments and trailing commas, never inside strings", () => {
  const text =
    '{\n  // a\n  "url": "http://x/*y*/", /* b */\n  "list": [1, 2,],\n  "s": "a,}",\n}\n';
  assertEquals(JSON.parse(stripJsonc(text)), { url: "http://x/*y*/", list: [1, 2], s: "a,}" });
});
