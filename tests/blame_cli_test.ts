import { assert, assertEquals, assertMatch } from "./helpers/assert.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const AGENT = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const LINKED = "9e8d7c6b-0000-4000-8000-000000000002";

const BEFORE = "import os\n\ndef login(user):\n    return user\n\nMAX = 3\n";
const AFTER = "import os\n\ndef login(user):\n    check(user)\n    return user\n\nMAX = 3\n" +
  "\ndef logout(user):\n    pass\n";

/** A person's commit, then an agent's (lines 4 and 9-10 by the session, by an Agent Trace record). */
async function history(repo: TempRepo): Promise<string> {
  await repo.commit("initial", { "app.py": BEFORE });
  await repo.write("app.py", AFTER);
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-m", "add check and logout"], {
    env: {
      GIT_AUTHOR_NAME: "Agent Smith",
      GIT_AUTHOR_EMAIL: "agent@example.com",
      GIT_AUTHOR_DATE: "1700003600 +0100",
    },
  });
  const head = (await repo.git(["rev-parse", "HEAD"])).trim();
  const record = {
    version: "0.1.0",
    id: AGENT,
    timestamp: "2026-01-02T03:04:05Z",
    vcs: { type: "git", revision: head },
    files: [{
      path: "app.py",
      conversations: [{
        ranges: [{ start_line: 4, end_line: 4 }, { start_line: 9, end_line: 10 }],
      }],
    }],
  };
  const imported = await repo.atrace(["import", "-"], { stdin: JSON.stringify(record) });
  assertEquals(imported.code, 0, imported.stderr);
  return head;
}

/** Our lines are git's lines with the session column (as wide as its widest entry, at least 8) after `)`. */
function withoutSessions(lines: string[]): string[] {
  const token = (l: string) => l.slice(l.indexOf(") ") + 2).split(" ")[0]!;
  const width = Math.max(8, ...lines.map((l) => token(l).length));
  return lines.map((l) => {
    const at = l.indexOf(") ") + 2;
    return at < 2 ? l : l.slice(0, at) + l.slice(at + width + 1);
  });
}

Deno.test("blame: git blame's line format and options, plus the session column", async () => {
  await using repo = await tempRepo();
  await history(repo);
  const options = [
    [],
    ["-L", "3,5"],
    ["-L", "4,+2"],
    ["-L", "5,-2"],
    ["-L", ":logout"],
    ["-L", "1,1", "-L", "9,10"],
    ["-s"],
    ["-e"],
    ["-n"],
    ["-f"],
    ["-l"],
    ["-w"],
    ["-M"],
    ["-C", "-C"],
    ["--root"],
    ["-s", "-n", "-L", "2,4"],
  ];
  for (const args of options) {
    const ours = await repo.atrace(["blame", ...args, "app.py"]);
    assertEquals(ours.code, 0, `${args}: ${ours.stderr}`);
    const git = await repo.git(["blame", ...args, "app.py"]);
    const lines = ours.stdout.split("\n");
    assertEquals(withoutSessions(lines).join("\n"), git, `blame ${args.join(" ")}`);
  }
  const text = (await repo.atrace(["blame", "app.py"])).stdout.split("\n");
  assertMatch(
    text[3]!,
    /^[0-9a-f]{8} \(Agent Smith 2023-11-15 00:13:20 \+0100 {2}4\) 1c2d3e4f {5}check\(user\)$/,
  );
  assertMatch(
    text[0]!,
    /^\^[0-9a-f]{7} \(Ada Tester {2}[-\d]+ [:\d]+ \+0000 {2}1\) {10}import os$/,
  );
  // Revisions as git takes them: `<rev> -- <file>` and the older `<file> <rev>`.
  const old = await repo.atrace(["blame", "HEAD~1", "--", "app.py"]);
  assertEquals(old.stdout.split("\n").length, BEFORE.split("\n").length);
  const older = await repo.atrace(["blame", "app.py", "HEAD~1"]);
  assertEquals(older.stdout, old.stdout);
  const bad = await repo.atrace(["blame", "-L", ":nosuchfunction", "app.py"]);
  assertEquals([bad.code, bad.stderr], [
    128,
    "fatal: -L parameter 'nosuchfunction' starting at line 1: no match\n",
  ]);
});

Deno.test("blame: sessions by shortest id, ~ for commit links, (local), colours; JSON says untracked, never human", async () => {
  await using repo = await tempRepo();
  await history(repo);
  // A session linked to the commit by hand: no line ranges.
  await repo.write(`.git/trace/sessions/${LINKED}.jsonl`, "{}\n");
  assertEquals((await repo.atrace(["link", LINKED])).code, 0);
  await repo.write("app.py", AFTER + "LOCAL = 1\n");
  const text = (await repo.atrace(["blame", "app.py"])).stdout.split("\n");
  assertMatch(text[3]!, /\+0100 {2}4\) 1c2d3e4f,~9e8d7c6b {5}check\(user\)$/);
  assertMatch(text[7]!, /\+0100 {2}8\) ~9e8d7c6b {10}$/);
  assertMatch(text[4]!, /\+0000 {2}5\) {20} {4}return user$/);
  assertMatch(text[0]!, /\+0000 {2}1\) {20}import os$/);
  assertMatch(
    text[10]!,
    /^\(local\) {2}\(Not Committed Yet [-\d]+ [:\d]+ \+0000 11\) {20}LOCAL = 1$/,
  );
  const colour = (await repo.atrace(["--color=always", "blame", "-L", "4,4", "app.py"])).stdout;
  assertMatch(
    colour,
    // deno-lint-ignore no-control-regex
    /^\x1b\[36m[0-9a-f]{8}\x1b\[0m \(.*\) \x1b\[36m1c2d3e4f\x1b\[0m,\x1b\[2m~9e8d7c6b\x1b\[0m /,
  );
  const local = (await repo.atrace(["--color=always", "blame", "-L", "11,11", "app.py"])).stdout;
  // deno-lint-ignore no-control-regex
  assertMatch(local, /^\x1b\[33m\(local\) \x1b\[0m /);

  const json = JSON.parse((await repo.atrace(["blame", "--json", "app.py"])).stdout);
  const U = "untracked";
  assertEquals(
    json.map((l: { attribution: string }) => l.attribution),
    [U, U, U, "ai", U, U, U, "linked", "ai", "ai", U],
  );
  assert(!JSON.stringify(json).includes("human"), "no line reads human");
  assertEquals(json[3].author, "Agent Smith");
  assertEquals(json[3].authorMail, "<agent@example.com>");
  assertEquals(json[3].date, "2023-11-15T00:13:20+01:00");
  assertEquals(json[3].summary, "add check and logout");
  assertEquals(json[3].sessions.map((s: { id: string; match: string }) => `${s.id}:${s.match}`), [
    `${AGENT}:range`,
    `${LINKED}:commit`,
  ]);
  assertEquals([json[10].commit, json[10].attribution, json[10].author], [
    null,
    "untracked",
    "Not Committed Yet",
  ]);
});

Deno.test("blame --porcelain: git's porcelain plus one atrace-session header per session", async () => {
  await using repo = await tempRepo();
  await history(repo);
  for (const flag of ["--porcelain", "--line-porcelain"]) {
    const ours = await repo.atrace(["blame", flag, "app.py"]);
    assertEquals(ours.code, 0, ours.stderr);
    const git = await repo.git(["blame", flag, "app.py"]);
    const extra = ours.stdout.split("\n").filter((l) => l.startsWith("atrace-session "));
    assertEquals(extra, [4, 9, 10].map(() => `atrace-session ${AGENT} range`));
    assertEquals(
      ours.stdout.split("\n").filter((l) => !l.startsWith("atrace-session ")).join("\n"),
      git,
    );
  }
  const porcelain = (await repo.atrace(["blame", "--porcelain", "-L", "4,4", "app.py"])).stdout;
  assertMatch(porcelain, /\nfilename app\.py\natrace-session [^\n]+ range\n\t {4}check\(user\)\n$/);
  const both = await repo.atrace(["blame", "--porcelain", "--json", "app.py"]);
  assertEquals(both.code, 129);
});
