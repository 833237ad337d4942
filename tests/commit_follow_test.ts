/**
 * Commit detection from the repository (HEAD and its reflog at each hook), through the real hook
 * entry point with the payloads the real agent CLIs sent (tests/fixtures/captures/).
 */
import { join } from "node:path";
import { assertEquals } from "./helpers/assert.ts";
import { agentWrite } from "./helpers/agent_write.ts";
import { CAPTURES, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

/** A recorded payload, re-pointed at the temp repository, with `patch` applied. */
async function payload(
  repo: TempRepo,
  file: string,
  patch: (p: Record<string, unknown>) => void = () => {},
): Promise<string> {
  const text = (await Deno.readTextFile(join(CAPTURES, file)))
    .replaceAll("/home/dev/project", repo.dir).replaceAll("/home/dev", repo.home);
  const value = JSON.parse(text);
  patch(value);
  return JSON.stringify(value);
}

/** Sends a payload to `git atrace hook <args>`; the hook must stay silent. */
async function hook(repo: TempRepo, args: string[], stdin: string, cwd = repo.dir) {
  const out = await repo.atrace(["hook", ...args], { stdin, cwd });
  assertEquals(out.stderr, "");
  assertEquals(out.code, 0);
}

/** Environment for a git command run now (reflog entries carry the committer date). */
function now(): Record<string, string> {
  const date = `${Math.floor(Date.now() / 1000)} +0000`;
  return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
}

/** Runs a shell command in the repository as an agent's shell would (exit code not checked). */
async function shell(repo: TempRepo, command: string, env: Record<string, string> = {}, cwd = "") {
  const out = await new Deno.Command("sh", {
    args: ["-c", command],
    cwd: join(repo.dir, cwd),
    env: { ...repo.env, ...now(), ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
}

async function links(repo: TempRepo, rev = "HEAD"): Promise<string[]> {
  const text = await repo.git(["notes", "--ref=refs/notes/atrace", "show", rev]).catch(() => "");
  return text.split("\n").filter((l) => l);
}

async function blameIds(repo: TempRepo, path: string): Promise<string[]> {
  const out = await repo.atrace(["blame", path, "--json"]);
  assertEquals(out.code, 0, out.stderr);
  return JSON.parse(out.stdout).map((l: { sessions: { id: string }[] }) =>
    l.sessions[0]?.id.slice(0, 8) ?? ""
  );
}

const CLAUDE = "b4a968cb-32f2-4d4b-9910-34091ef207d2";
const CLAUDE_FAILS = "5e39065a-e20f-40c2-8dee-8678040d56f2";

Deno.test("Claude Code: a quiet commit (no exit code, no output) links with its lines; a failed one never links, even echoing a person's [main <sha>]", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hello\n" });
  await hook(repo, ["claude-code"], await payload(repo, "claude-code/hook-UserPromptSubmit.json"));
  const write = JSON.parse(await payload(repo, "claude-code/hook-PostToolUse-Write.json"));
  await repo.write("src/app.py", write.tool_input.content);
  await hook(repo, ["claude-code"], JSON.stringify(write));
  const edit = JSON.parse(await payload(repo, "claude-code/hook-PostToolUse-Edit.json"));
  await repo.write(
    "src/app.py",
    write.tool_input.content.replace(edit.tool_input.old_string, edit.tool_input.new_string),
  );
  await hook(repo, ["claude-code"], JSON.stringify(edit));
  const quiet = 'git add -A && git commit -qm "add app"';
  assertEquals(await shell(repo, quiet), "");
  await hook(
    repo,
    ["claude-code"],
    await payload(repo, "claude-code/hook-PostToolUse-Bash-git-commit-quiet.json", (p) => {
      p.session_id = CLAUDE;
      (p.tool_input as Record<string, string>).command = quiet;
    }),
  );
  assertEquals(await links(repo), [CLAUDE]);
  assertEquals(await blameIds(repo, "src/app.py"), Array(10).fill("b4a968cb"));

  // Another session's turn begins; a person commits; the session's commit fails, and its output
  // (success as far as the payload says) names the person's commit.
  const failing = (p: Record<string, unknown>) => p.session_id = CLAUDE_FAILS;
  await hook(
    repo,
    ["claude-code"],
    await payload(repo, "claude-code/hook-UserPromptSubmit.json", failing),
  );
  await repo.write("README.md", "hello\nperson\n");
  await shell(repo, "git commit -qam 'person: readme'");
  const person = (await repo.git(["rev-parse", "HEAD"])).trim();
  await new Promise((r) => setTimeout(r, 6500));
  const echo = `git commit -m "nothing here" || git log -1 --format='[main %h] %s'`;
  const output = await shell(repo, echo);
  assertEquals(output.includes(`[main ${person.slice(0, 7)}]`), true);
  await hook(
    repo,
    ["claude-code"],
    await payload(repo, "claude-code/hook-PostToolUse-Bash-git-commit.json", (p) => {
      failing(p);
      (p.tool_input as Record<string, string>).command = echo;
      (p.tool_response as Record<string, string>).stdout = output;
    }),
  );
  await hook(
    repo,
    ["claude-code"],
    await payload(repo, "claude-code/hook-PostToolUseFailure-Bash-git-commit-fails.json", (p) => {
      p.error = `Exit code 1\n[main ${person.slice(0, 7)}] person: readme`;
    }),
  );
  assertEquals(await links(repo, person), []);
});

Deno.test("Copilot CLI: a commit links; a failed commit reported as 'success' (exit code 1 in the text) does not", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hello\n" });
  const id = "fb462bde-81ad-454c-910c-0a864ae6eb7e";
  await hook(
    repo,
    ["copilot-cli", "userPromptSubmitted"],
    await payload(repo, "copilot-cli/hook-userPromptSubmitted.json"),
  );
  await repo.write("src/app.py", "def greet(name):\n    return f'Hello, {name}!'\n");
  await shell(repo, 'git add -A && git commit -m "add app"');
  await hook(
    repo,
    ["copilot-cli", "postToolUse"],
    await payload(repo, "copilot-cli/hook-postToolUse-bash-git-commit.json"),
  );
  assertEquals(await links(repo), [id]);
  const first = (await repo.git(["rev-parse", "HEAD"])).trim();
  await shell(repo, 'git commit -m "nothing yet"');
  await hook(
    repo,
    ["copilot-cli", "postToolUse"],
    await payload(repo, "copilot-cli/hook-postToolUse-bash-git-commit-fails.json", (p) => {
      p.sessionId = id;
    }),
  );
  assertEquals((await repo.git(["rev-parse", "HEAD"])).trim(), first);
  assertEquals(
    (await repo.git(["notes", "--ref=refs/notes/atrace", "list"])).trim().split("\n").length,
    1,
  );
});

Deno.test("Gemini CLI: commits through git -C, from a subdirectory and by a git alias link with no git hook (its shell empties core.hooksPath)", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/README.md": "hello\n" });
  assertEquals((await repo.atrace(["init"])).code, 0);
  await repo.git(["config", "alias.ci", "commit"]);
  const id = "67189896-4c93-4278-a0cd-8de77d66fb0a";
  // Gemini's shell: git hooks switched off through GIT_CONFIG_*.
  const geminiShell = {
    GEMINI_CLI: "1",
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "core.hooksPath",
    GIT_CONFIG_VALUE_0: "",
  };
  await hook(
    repo,
    ["gemini-cli", "BeforeAgent"],
    await payload(repo, "gemini-cli/hook-BeforeAgent.json"),
  );
  const forms: [string, string][] = [
    ["git -C src commit -qam 'one'", ""],
    ["git commit -qam 'two'", "src"],
    ["git ci -qam 'three'", ""],
  ];
  for (const [i, [command, cwd]] of forms.entries()) {
    await repo.write("src/README.md", `hello\n${"x\n".repeat(i + 1)}`);
    await shell(repo, command, geminiShell, cwd);
    assertEquals(await links(repo), [], "no git hook ran");
    await hook(
      repo,
      ["gemini-cli", "AfterTool"],
      await payload(repo, "gemini-cli/hook-AfterTool-run_shell_command-git-commit.json", (p) => {
        p.cwd = join(repo.dir, cwd);
        (p.tool_input as Record<string, string>).command = command;
      }),
    );
    assertEquals(await links(repo), [id], command);
  }
});

const S1 = "11111111-1111-4111-8111-111111111111";

Deno.test("a person committing an agent's uncommitted edits credits the session (marked as committed by a person), by the post-commit hook, at the session's next event, or when blame looks", async () => {
  for (const setup of ["init", "agent hooks only", "blame catches up"]) {
    await using repo = await tempRepo();
    await repo.commit("initial", { "README.md": "hello\n" });
    if (setup === "init") assertEquals((await repo.atrace(["init"])).code, 0);
    const code =
      "def cached(key):\n    value = lookup(key)\n    return value or default_for(key)\n";
    await agentWrite(repo, S1, "cache.py", code, "toolu_cache");
    await repo.write("notes.txt", "a person's own line\n");
    await repo.git(["add", "-A"]);
    await repo.git(["commit", "-qm", "person commits the agent's work"], { env: now() });
    if (setup !== "init") assertEquals(await links(repo), [], "nothing ran yet");
    if (setup === "agent hooks only") {
      await agentWrite(repo, S1, "later.py", "print('later')\n", "toolu_later");
    }
    assertEquals(await blameIds(repo, "cache.py"), Array(3).fill("11111111"), setup);
    assertEquals(await links(repo), [S1], setup);
    const record = JSON.parse(
      await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]),
    );
    assertEquals(record.metadata["dev.git-atrace"].committed_by, "person", setup);
    assertEquals(await blameIds(repo, "notes.txt"), [""], setup);
  }
});

Deno.test("agent hooks only, commit dates pinned in the past (as scripted histories do): blame's first look still finds a person's commit of a session's edits", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hello\n" });
  await agentWrite(repo, S1, "cache.py", "def cached(key):\n    return lookup(key) or 7\n", "t1");
  await repo.write("README.md", "hello\nworld\n");
  await repo.git(["add", "-A"]);
  // The person's commit is dated 2023 (the tests' pinned GIT_COMMITTER_DATE), as is its reflog.
  await repo.git(["commit", "-qm", "person commits the agent's work"]);
  assertEquals(await links(repo), [], "nothing ran yet");
  assertEquals(await blameIds(repo, "cache.py"), ["11111111", "11111111"]);
  assertEquals(await links(repo), [S1]);
  assertEquals(await links(repo, "HEAD~1"), [], "the commit made before the session's edit");
});

const S2 = "22222222-2222-4222-8222-222222222222";

Deno.test("post-commit, the second path: the session Claude Code names in its shell (CLAUDE_CODE_SESSION_ID) is the committer, not the latest one", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hello\n" });
  assertEquals((await repo.atrace(["init"])).code, 0);
  await agentWrite(repo, S1, "a.py", "def alpha():\n    return 'first session'\n", "toolu_a");
  await agentWrite(repo, S2, "b.py", "def beta():\n    return 'second session'\n", "toolu_b");
  await shell(repo, "git add -A && git commit -qm both", {
    CLAUDECODE: "1",
    CLAUDE_CODE_SESSION_ID: S1,
    AI_AGENT: "claude-code_2.1.197_agent",
  });
  assertEquals((await links(repo)).sort(), [S1, S2]);
  const records = (await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]))
    .trim().split("\n").map((l) => JSON.parse(l).metadata["dev.git-atrace"]);
  const by = Object.fromEntries(records.map((m) => [m.session_id, m.committed_by ?? "itself"]));
  assertEquals(by, { [S1]: "itself", [S2]: "person" });
});
