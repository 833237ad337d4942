import { agentFromEnv } from "../src/agents/env.ts";
import { commitFromOutput, detectCommits } from "../src/core/commit_detect.ts";
import { pickSession } from "../src/core/session_pick.ts";
import { assertEquals } from "./helpers/assert.ts";

/** [shell command, expected [subcommand, dir, amend] of each commit it creates]. */
const TABLE: [string, [string, string, boolean][]][] = [
  ["git commit -m 'fix'", [["commit", "", false]]],
  ['git add -A && git commit -m "fix(auth): x"', [["commit", "", false]]],
  ["git add . ; git commit -am wip", [["commit", "", false]]],
  ["git commit --amend --no-edit", [["commit", "", true]]],
  ["git -C sub commit -m x", [["commit", "sub", false]]],
  ["git -c user.name=Bot -c commit.gpgsign=false commit -m x", [["commit", "", false]]],
  ["cd api && git commit -m x", [["commit", "api", false]]],
  ["cd /abs/repo; git -C lib commit -q -m x", [["commit", "/abs/repo/lib", false]]],
  ["GIT_AUTHOR_NAME=x git commit -m y", [["commit", "", false]]],
  ["/usr/bin/git commit -m y", [["commit", "", false]]],
  ["git.exe commit -m y", [["commit", "", false]]],
  ["env -i git commit -m y", [["commit", "", false]]],
  ["git --no-pager commit -m y", [["commit", "", false]]],
  ["git commit -n -m 'skip hooks'", [["commit", "", false]]],
  ["git cherry-pick abc123", [["cherry-pick", "", false]]],
  ["git revert --no-edit HEAD", [["revert", "", false]]],
  ["bash -c 'git commit -m inner'", [["commit", "", false]]],
  ["git commit -m \"$(cat <<'EOF'\nfeat: add x\n\nbody with git log\nEOF\n)\"", [[
    "commit",
    "",
    false,
  ]]],
  ["make test && git commit -m ok || echo failed", [["commit", "", false]]],
  ["git commit -m one && git commit --amend -m two", [["commit", "", false], ["commit", "", true]]],
  ["(cd pkg && git commit -m x)", [["commit", "pkg", false]]],
  ["git commit -m x\ngit push", [["commit", "", false]]],
  // false cases
  ["git commit --dry-run -m x", []],
  ["git log --grep=commit", []],
  ["git status && echo merge", []],
  ["git show HEAD:commit.txt", []],
  ["echo git commit -m x", []],
  ["git commit -h", []],
  ["git commit --help", []],
  ["git cherry-pick --abort", []],
  ["git revert -n HEAD", []],
  ["git merge --abort", []],
  ["grep -r 'git commit' docs/", []],
  ["cat commit.md", []],
  ["git diff --cached -- commit", []],
  ["# git commit -m x", []],
  ["git stash && make revert", []],
  ["git log -1 --format=%H commit", []],
  ["gitcommit -m x", []],
];

Deno.test("commit detection: a table of shell commands", () => {
  assertEquals(TABLE.length >= 30, true);
  for (const [command, expected] of TABLE) {
    const got = detectCommits(command).map((c) => [c.subcommand, c.dir, c.amend]);
    assertEquals(got, expected, command);
  }
});

Deno.test("commit detection: git's [branch sha] confirmation line", () => {
  assertEquals(commitFromOutput("[main 4c1d2e7] fix: x\n 1 file changed"), "4c1d2e7");
  assertEquals(commitFromOutput("[main (root-commit) 0a1b2c3] init"), "0a1b2c3");
  assertEquals(commitFromOutput("[detached HEAD 89abcde] x"), "89abcde");
  assertEquals(commitFromOutput("warning: x\n[feat/a-b 1234567890ab] y"), "1234567890ab");
  assertEquals(commitFromOutput("nothing to commit, working tree clean"), null);
  assertEquals(commitFromOutput("[main abc] too short"), null);
  // `git commit -m a && git commit -m b`: HEAD is the second commit
  assertEquals(commitFromOutput("[main 1111111] a\n[main 2222222] b\n"), "2222222");
});

Deno.test("agent shells: environment marks name the agent (and session when exported); a person has none", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assertEquals(agentFromEnv(env({ CLAUDECODE: "1" })), { agent: "claude-code" });
  assertEquals(agentFromEnv(env({ GEMINI_CLI: "1", GEMINI_SESSION_ID: "abc" })), {
    agent: "gemini-cli",
    sessionId: "abc",
  });
  assertEquals(agentFromEnv(env({ CODEX_THREAD_ID: "t-1" })), { agent: "codex", sessionId: "t-1" });
  assertEquals(agentFromEnv(env({ OPENCODE: "1" })), { agent: "opencode" });
  assertEquals(agentFromEnv(env({ CURSOR_AGENT: "1" })), { agent: "cursor" });
  assertEquals(agentFromEnv(env({ COPILOT_CLI: "1", COPILOT_AGENT_SESSION_ID: "u-1" })), {
    agent: "copilot-cli",
    sessionId: "u-1",
  });
  assertEquals(agentFromEnv(env({ CLINE_ACTIVE: "true" })), { agent: "cline" });
  assertEquals(agentFromEnv(env({ AI_AGENT: "cursor-cli@1.2" })), { agent: "cursor" });
  assertEquals(agentFromEnv(env({ AI_AGENT: "some-bot" })), null);
  assertEquals(agentFromEnv(env({ CLAUDECODE: "" })), null);
  assertEquals(agentFromEnv(env({ HOME: "/home/ada" })), null);
});

Deno.test("post-commit session choice: the agent's active session in this work tree that edited the commit's files", () => {
  const now = new Date("2026-10-14T12:00:00Z");
  const c = (
    id: string,
    updatedAt: string,
    files: string[],
    cwd = "/r",
    agent = "claude-code",
  ) => ({
    id,
    agent,
    cwd,
    updatedAt,
    files,
  });
  const sessions = [
    c("old", "2026-10-14T01:00:00Z", ["a.py"]),
    c("edits", "2026-10-14T11:00:00Z", ["a.py", "b.py"]),
    c("recent", "2026-10-14T11:59:00Z", ["z.py"]),
    c("elsewhere", "2026-10-14T11:59:30Z", ["a.py", "b.py"], "/other"),
    c("codex", "2026-10-14T11:59:40Z", ["a.py", "b.py"], "/r", "codex"),
  ];
  assertEquals(pickSession(sessions, "claude-code", "/r", ["a.py", "b.py"], now), "edits");
  assertEquals(pickSession(sessions, "claude-code", "/r", ["q.py"], now), "recent");
  assertEquals(pickSession(sessions.slice(3, 4), "claude-code", "/r", ["a.py"], now), "elsewhere");
  assertEquals(pickSession(sessions, "codex", "/r", [], now), "codex");
  assertEquals(pickSession(sessions, "gemini-cli", "/r", ["a.py"], now), null);
});
