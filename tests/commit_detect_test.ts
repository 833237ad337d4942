import { agentFromEnv } from "../src/agents/env.ts";
import { commitsSince, headsSince, invokesGit, parseReflog } from "../src/core/commit_detect.ts";
import { pickSession } from "../src/core/session_pick.ts";
import { assertEquals } from "./helpers/assert.ts";

/** [shell command, whether it runs git (and so may have made a commit)]. */
const TABLE: [string, boolean][] = [
  ["git commit -m 'fix'", true],
  ['git add -A && git commit -qm "fix(auth): x"', true],
  ["git -C sub ci -m x", true],
  ["cd api && git commit -m x", true],
  ["GIT_AUTHOR_NAME=x /usr/bin/git commit -m y", true],
  ["git.exe commit -m y", true],
  ["env -i git commit -m y", true],
  ["bash -c 'git commit -m inner'", true],
  ["make test && git commit -m ok || echo failed", true],
  ["(cd pkg && git commit -m x)", true],
  ["git commit -m \"$(cat <<'EOF'\nfeat: add x\nEOF\n)\"", true],
  ["echo git commit -m x", false],
  ["grep -r 'git commit' docs/", false],
  ["# git commit -m x", false],
  ["gitcommit -m x", false],
  ["python -m pytest", false],
];

Deno.test("commit detection: which shell commands run git", () => {
  for (const [command, expected] of TABLE) assertEquals(invokesGit(command), expected, command);
});

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const D = "d".repeat(40);
const E = "e".repeat(40);

Deno.test("commit detection: the commits HEAD's reflog gained since a recorded state", () => {
  const reflog = [
    `${E}\0HEAD@{1700000500}\0commit (amend): fix`,
    `${D}\0HEAD@{1700000400}\0commit: fix`,
    `${C}\0HEAD@{1700000300}\0rebase (finish): returning to refs/heads/main`,
    `${C}\0HEAD@{1700000300}\0rebase (pick): b`,
    `${B}\0HEAD@{1700000200}\0merge topic: Fast-forward`,
    `${B}\0HEAD@{1700000150}\0cherry-pick: b`,
    `${A}\0HEAD@{1700000100}\0commit (initial): a`,
    "garbage",
  ].join("\n");
  const entries = parseReflog(reflog);
  assertEquals(entries.length, 7);
  // Since A: the cherry-pick, then D amended into E (D itself is not new work any more).
  assertEquals(commitsSince(entries, { head: A, time: 1700000100 }, 0), [
    { sha: B, kind: "cherry-pick", time: 1700000150 },
    { sha: E, kind: "amend", time: 1700000500, replaced: D },
  ]);
  // Since D: only the amend, which replaced it.
  assertEquals(commitsSince(entries, { head: D, time: 1700000400 }, 0), [
    { sha: E, kind: "amend", time: 1700000500, replaced: D },
  ]);
  // Nothing new since E.
  assertEquals(commitsSince(entries, { head: E, time: 1700000500 }, 0), []);
  // An unknown state (another worktree's HEAD): by time; no state at all: the newest, if recent.
  assertEquals(commitsSince(entries, { head: "f".repeat(40), time: 1700000450 }, 0).length, 1);
  assertEquals(commitsSince(entries, null, 1700000140).map((c) => c.kind), ["amend"]);
  assertEquals(commitsSince(entries, null, 1700000600), []);
  // A merge commit and a revert count; an empty reflog has nothing.
  const merge = parseReflog(
    `${B}\0HEAD@{9}\0merge topic: Merge made by the 'ort' strategy.\n` +
      `${A}\0HEAD@{8}\0revert: Revert "x"`,
  );
  assertEquals(commitsSince(merge, { head: C, time: 0 }, 0).map((c) => c.kind), [
    "revert",
    "merge",
  ]);
  assertEquals(commitsSince([], null, 0), []);
  // HEADs recorded at or after a commit was made: its entry and the newer ones.
  assertEquals([...headsSince(entries, B)].sort(), [B, C, D, E]);
  assertEquals([...headsSince(entries, "f".repeat(40))], ["f".repeat(40)]);
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
