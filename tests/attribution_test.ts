import { buildRecord, contentHash, parseRecords } from "../src/core/agent_trace.ts";
import { attribute, relocate } from "../src/core/attribution.ts";
import { parseCommitDiffs } from "../src/core/commit_diffs.ts";
import { type BlameLine, combineBlame, fillBlankLines, parsePorcelain } from "../src/core/blame.ts";
import { parseLogWithNotes } from "../src/core/render_log.ts";
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { agentWrite } from "./helpers/agent_write.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

const S = "55555555-5555-4555-8555-555555555555";

Deno.test("attribution: exact, whitespace-normalised, trivial lines only beside attributed ones, relocation by hash", () => {
  const files = [{
    path: "a.ts",
    added: [
      { line: 3, text: "function f() {" },
      { line: 4, text: "      return   42;" },
      { line: 5, text: "}" },
      { line: 6, text: "" },
      { line: 9, text: "}" },
      { line: 10, text: "const human = true;" },
    ],
  }];
  const ranges = attribute(files, [
    { path: "a.ts", toolCallId: "t1", lines: ["function f() {", "  return 42;", "}", ""] },
  ]);
  assertEquals(ranges.map((r) => [r.start, r.end, r.match, r.toolCallIds]), [
    [3, 3, "exact", ["t1"]],
    [4, 4, "normalized", ["t1"]],
    [5, 6, "exact", ["t1"]],
  ]);
  assertEquals(ranges[0]!.contentHash, contentHash(["function f() {"]));
  const elsewhere = attribute([{
    path: "c.ts",
    added: [
      { line: 1, text: "return total;" },
      { line: 3, text: "let a = 1;" },
      { line: 4, text: "let b = 2;" },
    ],
  }], [{ path: "d.ts", lines: ["return total;", "let a = 1;", "let b = 2;"] }]);
  assertEquals(
    elsewhere.map((r) => [r.start, r.end]),
    [[3, 4]],
    "a lone line from another file is not enough",
  );
  const moved = relocate(ranges, [{
    path: "b.ts",
    added: [{ line: 20, text: "}" }, { line: 21, text: "" }, { line: 22, text: "function f() {" }],
  }]);
  assertEquals(moved.moved.map((r) => [r.path, r.start, r.end]), [["b.ts", 22, 22], [
    "b.ts",
    20,
    21,
  ]]);
  assertEquals(moved.lost.length, 1);
  const diffs = parseCommitDiffs(
    `commit ${
      "a".repeat(40)
    }\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,0 +2,2 @@\n+++ odd\n+--- odd\n`,
  );
  assertEquals(diffs.get("a".repeat(40)), [{
    path: "x",
    added: [{ line: 2, text: "++ odd" }, { line: 3, text: "--- odd" }],
  }]);
  assertEquals(parseRecords('not json\n{"broken":\n\n'), []);
});

Deno.test("blame core: porcelain with repeated commits and uncommitted lines", () => {
  const sha = "b".repeat(40);
  const porcelain = [
    `${sha} 1 1 2`,
    "author x",
    "filename old.ts",
    "\tone",
    `${sha} 2 2`,
    "\ttwo",
    `${"0".repeat(40)} 3 3 1`,
    "filename new.ts",
    "\tlocal",
    "",
  ].join("\n");
  const lines = parsePorcelain(porcelain);
  assertEquals(lines.map((l) => [l.line, l.origLine, l.origPath, l.commit, l.content]), [
    [1, 1, "old.ts", sha, "one"],
    [2, 2, "old.ts", sha, "two"],
    [3, 3, "new.ts", null, "local"],
  ]);
  const record = {
    version: "0.1.0",
    id: "x",
    timestamp: "2026-01-01T00:00:00Z",
    vcs: { type: "git" as const, revision: sha },
    files: [{
      path: "old.ts",
      conversations: [{ url: `atrace://session/${S}`, ranges: [{ start_line: 2, end_line: 2 }] }],
    }],
  };
  const other = "66666666-6666-4666-8666-666666666666";
  const combined = combineBlame(lines, new Map([[sha, [S, other]]]), new Map([[sha, [record]]]));
  assertEquals(combined.map((l) => l.sessions.map((s) => `${s.id.slice(0, 1)}${s.match}`)), [
    ["6commit"],
    ["5range", "6commit"],
    [],
  ]);
  const stale = { ...record, vcs: { type: "git" as const, revision: "c".repeat(40) } };
  const copied = combineBlame(lines, new Map(), new Map([[sha, [stale]]]));
  assertEquals(copied[1]!.sessions, [{ id: S, match: "commit" }]);
});

Deno.test("attribution end to end: a block the person moved and re-indented still belongs to the agent", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "lib.py": "import os\n" });
  const block = "def helper(x):\n    total = x * 2\n    return total\n";
  await agentWrite(repo, S, "helper.py", block, "toolu_block");
  // The person moves the block into lib.py, inside a class (re-indented), and deletes helper.py.
  await Deno.remove(`${repo.dir}/helper.py`);
  const moved =
    "import os\n\n\nclass Tools:\n    def helper(x):\n        total = x * 2\n        return total\n";
  const sha = await repo.commit("move helper", { "lib.py": moved });
  assertEquals(
    (await repo.atrace(["link", S])).stdout,
    `Linked 55555555 to commit ${sha.slice(0, 7)} (3 lines)\n`,
  );
  const blame = JSON.parse((await repo.atrace(["blame", "lib.py", "--json"])).stdout);
  assertEquals(blame.map((l: { sessions: unknown[] }) => l.sessions.length), [0, 0, 0, 0, 1, 1, 1]);
  const note = await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]);
  const meta = JSON.parse(note).metadata["dev.git-atrace"];
  assertEquals(meta.match, "normalized");
  assertEquals(meta.tool_call_ids, ["toolu_block"]);
});

Deno.test("log core: commits, links and records from one git log --notes output", () => {
  const a = "a".repeat(40);
  const b = "b".repeat(40);
  const record = JSON.stringify({ version: "0.1.0", id: "r", timestamp: "t", files: [] });
  const text = `${a}\0fix: x\0${S}\n${record}\n\x01\n${b}\0plain\0\x01\n`;
  const { commits, links, ranges } = parseLogWithNotes(text);
  assertEquals(commits, [[a, "fix: x"], [b, "plain"]]);
  assertEquals(links.get(a), [S]);
  assertEquals(ranges.get(a)!.length, 1);
  assertEquals(links.has(b), false);
});

Deno.test("blame follows moves and copies by default: lines a person moved to another file still lead to the agent's commit and session", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "lib.py": "import os\n" });
  const block = "def normalize_customer_record(record):\n" +
    "    normalized_identifier = record['identifier'].strip().lower()\n" +
    "    normalized_email_address = record['email_address'].strip().lower()\n" +
    "    return {'identifier': normalized_identifier, 'email': normalized_email_address}\n";
  await agentWrite(repo, S, "util.py", block, "toolu_util");
  const agentCommit = await repo.commit("add util");
  await repo.atrace(["link", S]);
  await Deno.remove(`${repo.dir}/util.py`);
  await repo.commit("move into lib", { "lib.py": "import os\n\n\n" + block });
  // Moves and copies are followed by default (-C is accepted and changes nothing).
  const moved = JSON.parse((await repo.atrace(["blame", "lib.py", "--json"])).stdout);
  assertEquals(
    (await repo.atrace(["blame", "lib.py", "-C", "--json"])).stdout,
    JSON.stringify(moved, null, 2) + "\n",
  );
  assertEquals(moved.slice(3).map((l: { commit: string }) => l.commit), Array(4).fill(agentCommit));
  assertEquals(
    moved.slice(3).map((l: { sessions: { id: string; match: string }[] }) => l.sessions[0]?.match),
    Array(4).fill("range"),
  );
});

Deno.test("attribution end to end: a quoted file name in a root commit (diff.noprefix, log.showRoot=false) keeps its lines", async () => {
  await using repo = await tempRepo();
  await repo.git(["config", "diff.noprefix", "true"]);
  await repo.git(["config", "log.showRoot", "false"]);
  const name = 'my "tools" é.py';
  await agentWrite(repo, S, name, "def helper(x):\n    return x * 2\n", "toolu_quoted");
  const sha = await repo.commit("helper", { [name]: "def helper(x):\n    return x * 2\n" });
  assertEquals(
    (await repo.atrace(["link", S])).stdout,
    `Linked 55555555 to commit ${sha.slice(0, 7)} (2 lines)\n`,
  );
  const note = JSON.parse(await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show"]));
  assertEquals(note.files.map((f: { path: string }) => f.path), [name]);
  const blame = JSON.parse((await repo.atrace(["blame", name, "--json"])).stdout);
  assertEquals(blame.map((l: { sessions: { match: string }[] }) => l.sessions[0]?.match), [
    "range",
    "range",
  ]);
});

Deno.test("damaged range notes (e.g. fetched from another clone) are skipped by blame, stats, log and export", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("initial", { "a.txt": "one\ntwo\n" });
  const base = { version: "0.1.0", id: "r", timestamp: "2026-01-01T00:00:00Z" };
  const conv = { url: `atrace://session/${S}`, ranges: [{ start_line: 1, end_line: 2 }] };
  const bad = [
    { ...base, files: [null] },
    { ...base, files: [{ path: "a.txt", conversations: {} }] },
    { ...base, files: [{ path: "a.txt", conversations: [{ ranges: "1-2" }] }] },
    {
      ...base,
      files: [{ path: "a.txt", conversations: [conv] }],
      metadata: { "dev.git-atrace": { session_id: S, agent: "x", tool_call_ids: 1, ranges: "x" } },
    },
    {
      ...base,
      files: [{ path: "a.txt", conversations: [{ ...conv, url: "atrace://session/\x1b[2J" }] }],
    },
    {
      ...base,
      files: [],
      metadata: {
        "dev.git-atrace": {
          session_id: S,
          agent: "\x1b]0;pwned\x07",
          tool_call_ids: [],
          ranges: [],
        },
      },
    },
  ];
  const note = bad.map((r) => JSON.stringify(r)).join("\n") + "\n";
  await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "add", "-m", note, sha]);
  await repo.git(["notes", "--ref=refs/notes/atrace", "add", "-m", S, sha]);
  const blame = await repo.atrace(["blame", "a.txt", "--json"]);
  assertEquals(blame.code, 0, blame.stderr);
  assertEquals(JSON.parse(blame.stdout)[0].sessions, [{ id: S, match: "range", toolCallIds: [] }]);
  const stats = await repo.atrace(["stats"]);
  assertEquals(stats.stdout.includes("\x1b"), false);
  assertStringIncludes(stats.stdout, "]0;pwned");
  for (const args of [["stats", "--json"], ["log", "--json"], ["export", sha]]) {
    const out = await repo.atrace(args);
    assertEquals([args[0], out.code, out.stderr], [args[0], 0, ""]);
  }
});

Deno.test("attribution end to end: a diff textconv filter does not change the lines compared", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { ".gitattributes": "*.py diff=upper\n" });
  await repo.git(["config", "diff.upper.textconv", "tr a-z A-Z <"]);
  const code = "def helper(x):\n    return x * 2\n";
  await agentWrite(repo, S, "h.py", code, "toolu_tc");
  const sha = await repo.commit("helper", { "h.py": code });
  assertEquals(
    (await repo.atrace(["link", S])).stdout,
    `Linked 55555555 to commit ${sha.slice(0, 7)} (2 lines)\n`,
  );
  const blame = JSON.parse((await repo.atrace(["blame", "h.py", "--json"])).stdout);
  assertEquals(blame.map((l: { content: string }) => l.content), code.trimEnd().split("\n"));
});

Deno.test("two clones' records of one session on a commit (kept both by the notes merge) count once", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "x\n" });
  const code = "def helper(x):\n    return x * 2\n";
  await agentWrite(repo, S, "h.py", code, "toolu_twice");
  const sha = await repo.commit("helper", { "h.py": code });
  assertEquals((await repo.atrace(["link", S])).code, 0);
  const ref = "--ref=refs/notes/atrace-ranges";
  const [mine] = parseRecords(await repo.git(["notes", ref, "show", sha]));
  const theirs = { ...mine!, id: crypto.randomUUID(), timestamp: "2099-01-01T00:00:00Z" };
  await repo.git(["notes", ref, "append", "-m", JSON.stringify(theirs), sha]);
  const stats = JSON.parse((await repo.atrace(["stats", "--json"])).stdout);
  assertEquals([stats.attributed, stats.byAgent[0].lines], [2, 2]);
  const exported = (await repo.atrace(["export", sha])).stdout.trim().split("\n");
  assertEquals(exported.map((l) => JSON.parse(l).id), [theirs.id]);
});

Deno.test("blame: blank lines take their neighbours' session when both sides agree", () => {
  const line = (n: number, content: string, id?: string): BlameLine => ({
    line: n,
    content,
    commit: "c".repeat(40),
    sessions: id ? [{ id, match: "range" }] : [],
  });
  const lines = [
    line(1, "def f():", "A"),
    line(2, "", undefined), // inside the agent's block, blamed to an older blank line
    line(3, "    return 1", "A"),
    line(4, "  ", "A"), // between the agent's and a person's line: kept
    line(5, "x = 1"),
    line(6, "", "A"), // between two of a person's lines: not the agent's
    line(7, "y = 2"),
    line(8, "", "A"), // at the end, after a person's line
  ];
  assertEquals(fillBlankLines(lines).map((l) => l.sessions[0]?.id ?? "."), [
    "A",
    "A",
    "A",
    "A",
    ".",
    ".",
    ".",
    ".",
  ]);
});

Deno.test("blame end to end: a blank line inside an agent's function, blamed by git to a person's older blank line, is the agent's", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "m.py": "x = 1\n\ny = 2\n" });
  const code = "x = 1\ndef grow(a):\n    a = a * 2\n\n    return a + 1\ny = 2\n";
  await agentWrite(repo, S, "m.py", code, "toolu_grow");
  await repo.commit("grow");
  await repo.atrace(["link", S]);
  const json = JSON.parse((await repo.atrace(["blame", "m.py", "--json"])).stdout);
  assertEquals(json[3].commit, (await repo.git(["rev-parse", "HEAD~1"])).trim());
  assertEquals(
    json.map((l: { sessions: { id: string }[] }) => l.sessions[0] ? "A" : "."),
    [".", "A", "A", "A", "A", "."],
  );
  const one = JSON.parse((await repo.atrace(["blame", "m.py", "-L", "4,4", "--json"])).stdout);
  assertEquals(one.length, 1);
  assertEquals(one[0].sessions[0].id, S);
});

Deno.test("attribution: a run of lines every codebase repeats needs one line only the session wrote", () => {
  const produced = [{
    path: "m.py",
    lines: ["def load_rows(rows):", "    if not rows:", "        return None", "    result = []"],
  }];
  const ranges = attribute([{
    path: "m.py",
    added: [
      // the session's function
      { line: 1, text: "def load_rows(rows):" },
      { line: 2, text: "    if not rows:" },
      { line: 3, text: "        return None" },
      { line: 4, text: "    result = []" },
      { line: 5, text: "" },
      // a person's function made of the same stock lines
      { line: 6, text: "def save_rows(rows):" },
      { line: 7, text: "    if not rows:" },
      { line: 8, text: "        return None" },
      { line: 9, text: "    result = []" },
    ],
  }], produced);
  assertEquals(ranges.map((r) => [r.start, r.end]), [[1, 4]]);
});

Deno.test("attribution end to end: a commit made before the session's edit is never credited with it", async () => {
  await using repo = await tempRepo();
  const date = `${Math.floor(Date.now() / 1000)} +0000`;
  await repo.write("lib.py", "special = compute_special(7)\n");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-qm", "person"], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  // The agent later rewrites the file whole (its payload holds every line), uncommitted.
  const whole = "special = compute_special(7)\nspecial2 = special * 2\n";
  await agentWrite(repo, S, "lib.py", whole, "toolu_whole");
  const json = JSON.parse((await repo.atrace(["blame", "lib.py", "--json"])).stdout);
  assertEquals(json[0].sessions, []);
  assertEquals(await repo.git(["notes", "--ref=refs/notes/atrace", "list"]).catch(() => ""), "");
});

Deno.test("attribution end to end: a person's lines like ones the session already committed are not credited to it", async () => {
  await using repo = await tempRepo();
  assertEquals((await repo.atrace(["init"])).code, 0);
  await repo.commit("initial", { "README.md": "hi\n" });
  const agent = "def load_rows(rows):\n    if not rows:\n        return None\n    result = []\n";
  await agentWrite(repo, S, "m.py", agent, "toolu_load");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-qm", "agent"], {
    env: { CLAUDECODE: "1", CLAUDE_CODE_SESSION_ID: S },
  });
  // A person adds a function of the same stock lines (its def is their own).
  const person =
    "\n\ndef save_rows(rows):\n    if not rows:\n        return None\n    result = []\n";
  await repo.write("m.py", agent + person);
  await repo.git(["commit", "-qam", "person"]);
  const ids = JSON.parse((await repo.atrace(["blame", "m.py", "--json"])).stdout).map((
    l: { sessions: { id: string }[] },
  ) => l.sessions[0] ? "A" : ".");
  assertEquals(ids.join(""), "AAAA" + "......");
});

Deno.test("blame core: the session that made the commit comes before one whose edits a person committed", () => {
  const sha = "d".repeat(40);
  const record = (id: string, person: boolean) =>
    buildRecord({
      commit: sha,
      sessionId: id,
      agent: "claude-code",
      toolVersion: "test",
      ranges: [{
        path: "f.py",
        start: 1,
        end: 1,
        contentHash: "",
        toolCallIds: [],
        match: "exact",
      }],
      ...(person ? { committedBy: "person" as const } : {}),
    });
  const other = "66666666-6666-4666-8666-666666666666";
  const lines = combineBlame(
    [{ line: 1, origLine: 1, origPath: "f.py", commit: sha, content: "x = compute(1)" }],
    new Map([[sha, [other, S]]]),
    new Map([[sha, [record(other, true), record(S, false)]]]),
  );
  assertEquals(lines[0]!.sessions.map((s) => s.id), [S, other]);
});

Deno.test("attribution: stock lines between an agent's braces are linked to its block by the order it wrote them", () => {
  const agent = [
    "export function rankRows(items: Row[]): number {",
    "  let total = 0;",
    "  for (const item of items) {",
    "    total += item.size * 3;",
    "  }",
    "  if (!items.length) {",
    "    return 0;",
    "  }",
    "  return total;",
    "}",
    "",
    "export function trimRows(items: Row[]): number {",
    "  if (!items.length) {",
    "    return 0;",
    "  }",
    "  return items.length - 1;",
    "}",
  ];
  const ranges = attribute(
    [{ path: "r.ts", added: agent.map((text, i) => ({ line: i + 1, text })) }],
    [{ path: "r.ts", toolCallId: "t1", lines: agent }],
  );
  assertEquals(ranges.map((r) => [r.start, r.end]), [[1, agent.length]]);
});

Deno.test("attribution: a person's brace inserted next to an agent's line is not the agent's (it never wrote that pair)", () => {
  const agent = [
    "func (s *Store) Load(ctx context.Context) (int, error) {",
    "\tcount := 1",
    "\trows, err := s.query(ctx)",
    "\tif err != nil {",
    "\t\treturn 0, err",
    "\t}",
    "\treturn count + rows, nil",
    "}",
  ];
  const person = [
    "\tif err := s.db.PingContext(ctx); err != nil {",
    "\t\treturn 0, err",
    "\t}",
  ];
  const file = [agent[0]!, ...person, ...agent.slice(1)];
  const ranges = attribute(
    [{ path: "c.go", added: file.map((text, i) => ({ line: i + 1, text })) }],
    [{ path: "c.go", toolCallId: "t1", lines: agent }],
  );
  assertEquals(ranges.map((r) => [r.start, r.end]), [[1, 1], [5, file.length]]);
});

Deno.test("attribution: a person's closing brace before a function the agent added below it stays the person's", () => {
  const first = ["export function a(): number {", "  return 1;", "}", "", "export function b() {"];
  const added = ["", "export function c(n: number): number {", "  return n * 42;", "}"];
  const person = ["", "export function mine(): number {", "  return 7 + 7;", "}"];
  const file = [...person, ...added];
  const ranges = attribute(
    [{ path: "r.ts", added: file.map((text, i) => ({ line: i + 10, text })) }],
    [{ path: "r.ts", toolCallId: "t1", lines: first }, {
      path: "r.ts",
      toolCallId: "t2",
      lines: added,
    }],
  );
  assertEquals(ranges.map((r) => [r.start, r.end]), [[14, 17]]);
});
