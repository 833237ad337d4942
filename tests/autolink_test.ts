import {
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./helpers/assert.ts";
import {
  AUTH_AFTER,
  AUTH_BEFORE,
  captureClaudeEdit,
  CLAUDE_SESSION,
  fixture,
  installClaudeTranscript,
} from "./helpers/fixtures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";
import { schemaErrors } from "./corpus/schema.ts";

const PERSON_LINE = "# reviewed by a person";

/** Runs the Claude Code Bash hook for `command` with git's `output`. */
async function bashHook(
  repo: TempRepo,
  command: string,
  output: string,
  exitCode?: number,
  hookEvent = "PostToolUse",
) {
  const payload = JSON.parse(
    await fixture(repo, "claude-code", "hook-PostToolUse-Bash-git-commit.json"),
  );
  payload.hook_event_name = hookEvent;
  payload.tool_input.command = command;
  payload.tool_response.stdout = output;
  if (exitCode !== undefined) payload.tool_response.exitCode = exitCode;
  const result = await repo.atrace(["hook"], { stdin: JSON.stringify(payload) });
  assertEquals(result, { code: 0, stdout: "", stderr: "" });
}

async function note(repo: TempRepo, ref: string, rev = "HEAD"): Promise<string> {
  return await repo.git(["notes", `--ref=${ref}`, "show", rev]).catch(() => "");
}

Deno.test("auto-link: an agent's confirmed commit links its session with line ranges; a person's line stays untracked", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await installClaudeTranscript(repo);
  await repo.write("src/auth.py", AUTH_AFTER);
  const edit = await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json"),
  });
  assertEquals(edit.code, 0);
  // A person adds a line to the same file before the agent commits.
  await repo.write("src/auth.py", AUTH_AFTER + PERSON_LINE + "\n");

  // A failed commit (nothing staged with -o on an unknown path) and a dry run link nothing.
  await bashHook(repo, "git commit --dry-run -m x", "[main 1234567] x");
  await bashHook(repo, "git commit -m x", "error: pathspec 'nope' did not match", 1);
  assertEquals(await note(repo, "refs/notes/atrace"), "");
  // Output naming a commit that is not HEAD, or no commit at all, links nothing either.
  await bashHook(repo, "git commit -m again", "[main abcdef1] again");
  await bashHook(repo, "git commit -m again", "nothing to commit, working tree clean");
  await bashHook(repo, "git log --grep=commit", "[main abcdef1] x");
  assertEquals(await note(repo, "refs/notes/atrace"), "");

  const sha = await repo.commit("fix(auth): constant-time compare");
  await bashHook(
    repo,
    'git add src/auth.py && git -c core.quotePath=false commit -m "fix(auth)"',
    `[main ${sha.slice(0, 7)}] fix(auth): constant-time compare\n 1 file changed`,
  );
  assertEquals(await note(repo, "refs/notes/atrace"), CLAUDE_SESSION + "\n");
  const records = (await note(repo, "refs/notes/atrace-ranges")).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
  assertEquals(records.length, 1);
  const record = records[0];
  assertEquals(record.version, "0.1.0");
  assertMatch(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assertEquals(record.vcs, { type: "git", revision: sha });
  assertEquals(record.tool.name, "git-atrace");
  assertEquals(record.files.length, 1);
  assertEquals(record.files[0].path, "src/auth.py");
  const conv = record.files[0].conversations[0];
  assertEquals(conv.url, `atrace://session/${CLAUDE_SESSION}`);
  assertEquals(conv.contributor, { type: "ai", model_id: "anthropic/claude-sonnet-4-6" });
  assertEquals(conv.ranges.length, 1);
  assertEquals([conv.ranges[0].start_line, conv.ranges[0].end_line], [8, 8]);
  assertMatch(conv.ranges[0].content_hash, /^sha256:[0-9a-f]{64}$/);
  const meta = record.metadata["dev.git-atrace"];
  assertEquals(meta.session_id, CLAUDE_SESSION);
  assertEquals(meta.agent, "claude-code");
  assertEquals(meta.tool_call_ids, ["toolu_01Sx9DkQ2mPz7LwR4tYb8NcE"]);
  assertEquals(meta.match, "exact");
  assertEquals(schemaErrors(record), []);

  // Blame tells the agent's line from the person's.
  const blame = await repo.atrace(["blame", "src/auth.py"]);
  assertEquals(blame.code, 0);
  const lines = blame.stdout.split("\n");
  assertMatch(
    lines[7]!,
    new RegExp(
      `^${
        sha.slice(0, 8)
      } \\(Ada Tester \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 +8\\) 7b3c9e2a     if hmac.compare_digest`,
    ),
  );
  assertMatch(
    lines[10]!,
    new RegExp(`^${sha.slice(0, 8)} \\(.* 11\\) {10}# reviewed by a person$`),
  );
  assertNotIncludes(lines[10]!, "7b3c9e2a");
  const json = JSON.parse(
    (await repo.atrace(["blame", "src/auth.py", "-L", "8,11", "--json"])).stdout,
  );
  assertEquals(json.length, 4);
  assertEquals(json[0].sessions, [{
    id: CLAUDE_SESSION,
    match: "range",
    toolCallIds: ["toolu_01Sx9DkQ2mPz7LwR4tYb8NcE"],
    model: "anthropic/claude-sonnet-4-6",
  }]);
  assertEquals(json[3].sessions, []);
  assertEquals(json[3].content, PERSON_LINE);

  const colour = await repo.atrace(["--color=always", "blame", "src/auth.py", "-L", "7,8"]);
  assertMatch(
    colour.stdout,
    new RegExp(
      `^\x1b\\[36m${sha.slice(0, 8)}\x1b\\[0m \\(.*8\\) \x1b\\[36m7b3c9e2a\x1b\\[0m `,
      "m",
    ),
  );
  assertStringIncludes(
    colour.stdout,
    "\x1b[2m^" + (await repo.git(["rev-parse", "--short=7", "HEAD~1"])).trim(),
  );

  // Uncommitted lines show as (local); an old revision blames a file not in the work tree.
  await repo.write("src/auth.py", AUTH_AFTER + "x = 1\n");
  const local = await repo.atrace(["blame", "src/auth.py", "-L", "11,11"]);
  assertMatch(local.stdout, /^\(local\) {2}\(Not Committed Yet .* 11\) {10}x = 1$/m);
  await repo.git(["rm", "-q", "-f", "src/auth.py"]);
  const old = await repo.atrace(["blame", "src/auth.py", sha, "-L", "8,8"]);
  assertMatch(old.stdout, /7b3c9e2a/);

  // log reads the notes and shows the session with its line count.
  const log = await repo.atrace(["log", "--json"]);
  assertEquals(JSON.parse(log.stdout), [{
    commit: sha,
    message: "fix(auth): constant-time compare",
    sessions: [CLAUDE_SESSION],
    lines: { [CLAUDE_SESSION]: 1 },
  }]);
  const text = await repo.atrace(["log"]);
  assertMatch(
    text.stdout,
    /^ {2}[0-9a-f]{7} {2}fix\(auth\): constant-time compare\n {10}\u21b3 7b3c9e2a {2}1 line$/m,
  );

  // `git commit -q` prints nothing, and Claude's payload has no exit code: the reflog says it committed.
  // (PreToolUse, sent before the command runs, records HEAD as it was and links nothing.)
  await bashHook(repo, "git commit -q -m quiet", "", undefined, "PreToolUse");
  const now = `${Math.floor(Date.now() / 1000)} +0000`;
  await repo.git(["commit", "-q", "-m", "quiet"], {
    env: { GIT_COMMITTER_DATE: now, GIT_AUTHOR_DATE: now },
  });
  assertEquals(await note(repo, "refs/notes/atrace"), "");
  await bashHook(repo, "git commit -q -m quiet", "");
  assertEquals(await note(repo, "refs/notes/atrace"), CLAUDE_SESSION + "\n");
});

Deno.test("link/unlink by hand: whole-line ids, no duplicates, ranges follow the link", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  const sha = await repo.commit("fix");
  const first = await repo.atrace(["link", "7b3c"]);
  assertEquals(first.stdout, `Linked 7b3c9e2a to commit ${sha.slice(0, 7)} (1 line)\n`);
  const again = await repo.atrace(["link", CLAUDE_SESSION, sha]);
  assertEquals(again.stdout, "Session already linked to this commit (1 line)\n");
  assertEquals(await note(repo, "refs/notes/atrace"), CLAUDE_SESSION + "\n");
  assertEquals((await note(repo, "refs/notes/atrace-ranges")).trim().split("\n").length, 1);
  const unlink = await repo.atrace(["unlink", "7b3c"]);
  assertEquals(unlink.code, 0);
  assertEquals(await note(repo, "refs/notes/atrace"), "");
  assertEquals(await note(repo, "refs/notes/atrace-ranges"), "");
  const missing = await repo.atrace(["link"]);
  assertEquals(missing.code, 129);
});

/** [fixture dir, file, hook args, session id it must link]. */
const AGENT_COMMITS: [string, string, string[], string][] = [
  ["gemini-cli", "hook-AfterTool-run_shell_command-git-commit.json", [
    "gemini-cli",
    "AfterTool",
  ], "7f3c2a1e-5b8d-4e6f-a0c9-1d2e3f4a5b6c"],
  [
    "codex",
    "hook-PostToolUse-Bash-git-commit.json",
    ["codex"],
    "01a139ae-dab8-7c41-9e25-6b0d3f8a1c47",
  ],
  ["cursor", "hook-afterShellExecution-git-commit.json", [
    "cursor",
    "afterShellExecution",
  ], "5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205"],
  ["copilot-cli", "hook-postToolUse-bash-git-commit.json", [
    "copilot-cli",
    "postToolUse",
  ], "3e9a7c51-0d2b-4f86-a4c3-8b1e6d2f9a70"],
  [
    "cline",
    "hook-PostToolUse-execute_command-git-commit.json",
    ["cline", "PostToolUse"],
    "1791969123000",
  ],
  ["opencode", "plugin-v1-tool.execute.after-bash-git-commit.json", [
    "opencode",
  ], "ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX"],
];

Deno.test("auto-link: every agent's shell-tool hook links its session to the commit its call made (from the reflog), whatever the output names", async () => {
  await using repo = await tempRepo();
  for (const [agent, file, args, session] of AGENT_COMMITS) {
    const now = `${Math.floor(Date.now() / 1000)} +0000`;
    await repo.write(`${agent}.txt`, agent);
    await repo.git(["add", "-A"]);
    await repo.git(["commit", "-q", "-m", `commit for ${agent}`], {
      env: { GIT_COMMITTER_DATE: now, GIT_AUTHOR_DATE: now },
    });
    // The recorded output names another commit (4c1d2e7): only the repository is believed.
    const out = await repo.atrace(["hook", ...args], { stdin: await fixture(repo, agent, file) });
    assertEquals(out.code, 0);
    assertEquals(await note(repo, "refs/notes/atrace"), session + "\n", agent);
  }
});
