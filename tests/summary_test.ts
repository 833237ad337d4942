import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./helpers/assert.ts";
import { CLAUDE, CODEX, earlierHistory, placeClaude, placeCodex } from "./helpers/agent_stores.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const KEY = "AKIAZ7Q3R5T2Y6W4P6N3";
const HOSTILE =
  `Add a farewell function; deploy key ${KEY} | @octocat <img src=x onerror=alert(1)> [x](http://evil)`;

/** The earlier sessions' history on a branch `feature` off `main`, backfilled; the farewell
 * session's prompt carries a secret and Markdown meant to break out of the comment. */
async function featureBranch(repo: TempRepo) {
  const dir = await placeClaude(repo);
  const path = join(dir, `${CLAUDE.farewell}.jsonl`);
  await Deno.writeTextFile(
    path,
    (await Deno.readTextFile(path)).replaceAll(
      "Add a farewell function to src/app.py and commit it quietly.",
      JSON.stringify(HOSTILE).slice(1, -1),
    ),
  );
  await placeCodex(repo);
  const commits = await earlierHistory(repo);
  await repo.git(["checkout", "-q", "-b", "feature"]);
  await repo.git(["branch", "-f", "main", commits.init]);
  const backfill = await repo.atrace(["backfill"]);
  assertEquals(backfill.code, 0, backfill.stderr);
  return commits;
}

Deno.test("summary main..feature: Markdown tables of agents, sessions (share of lines, first prompt, redacted and escaped), commits and files; untracked is never called human", async () => {
  await using repo = await tempRepo();
  const c = await featureBranch(repo);
  const run = await repo.atrace(["summary", "main..feature"]);
  assertEquals(run.code, 0, run.stderr);
  const md = run.stdout;
  assert(md.startsWith("<!-- git-atrace summary -->\n## Agent attribution for `main..feature`\n"));
  assertStringIncludes(
    md,
    "**3 commits · 21 lines added · 20 from agent sessions (95%) · 1 untracked (5%)**\n",
  );
  assertStringIncludes(
    md,
    "| Agent | Model | Lines | Share |\n| --- | --- | ---: | ---: |\n" +
      "| claude-code | anthropic/claude-opus-4-8 | 14 | 67% |\n" +
      "| codex | openai/gpt-5.5 | 6 | 29% |\n" +
      "| untracked | | 1 | 5% |\n",
  );
  assertStringIncludes(
    md,
    "| `b4a968cb` | claude-code | anthropic/claude-opus-4-8 | 10 | 48% | " +
      `\`${
        c.app.slice(0, 7)
      }\` | Create a tiny Python greeting app in src/app.py and commit it. |\n`,
  );
  assertStringIncludes(
    md,
    `| \`01a229e3\` | codex | openai/gpt-5.5 | 6 | 29% | \`${c.greet.slice(0, 7)}\` | ` +
      "Create src/greet.py with a greet function, use an f-string, then commit it. |\n",
  );
  // The hostile prompt: its secret redacted, its Markdown and HTML inert, no mention, no link.
  const farewell = md.split("\n").find((l) => l.startsWith("| `63e269c9`"))!;
  assertStringIncludes(farewell, "| 4 | 19% |");
  assertStringIncludes(farewell, "[REDACTED:");
  assertNotIncludes(md, KEY);
  assertNotIncludes(md, "<img");
  assertNotIncludes(md, "@octocat");
  assertNotIncludes(md, "](http");
  assertEquals(farewell.split(" | ").length, 7, "the prompt must not add table cells");
  assertStringIncludes(
    md,
    `| \`${c.app.slice(0, 7)}\` | add app | 11 | \`b4a968cb\` 10 | 1 |\n` +
      `| \`${c.farewell.slice(0, 7)}\` | farewell | 4 | \`63e269c9\` 4 | 0 |\n` +
      `| \`${c.greet.slice(0, 7)}\` | greet | 6 | \`01a229e3\` 6 | 0 |\n`,
  );
  assertStringIncludes(
    md,
    "| `src/app.py` | 15 | `b4a968cb` 10, `63e269c9` 4 | 1 |\n| `src/greet.py` | 6 | `01a229e3` 6 | 0 |\n",
  );
  assertNotIncludes(md.toLowerCase(), "human");

  // The default range is the branch against main.
  const byDefault = await repo.atrace(["summary"]);
  assertEquals(byDefault.stdout, md.replace("`main..feature`", "`main..feature`"));
});

Deno.test("summary --json and --html say the same; --html is one inert page", async () => {
  await using repo = await tempRepo();
  const c = await featureBranch(repo);
  const json = JSON.parse((await repo.atrace(["summary", "main..feature", "--json"])).stdout);
  assertEquals(json.range, "main..feature");
  assertEquals(json.base, c.init);
  assertEquals([json.totals.commits, json.totals.added, json.totals.untracked], [3, 21, 1]);
  assertEquals(json.totals.byAgent, [
    { agent: "claude-code", model: "anthropic/claude-opus-4-8", lines: 14 },
    { agent: "codex", model: "openai/gpt-5.5", lines: 6 },
  ]);
  assertEquals(
    json.sessions.map((s: { id: string; lines: number }) => [s.id, s.lines]),
    [[CLAUDE.app, 10], [CODEX.classic, 6], [CLAUDE.farewell, 4]],
  );
  const hostile = json.sessions.find((s: { id: string }) => s.id === CLAUDE.farewell);
  assertMatch(
    hostile.prompt,
    /^Add a farewell function; deploy key \[REDACTED:[a-z-]+\] \| @octocat/,
  );
  assertEquals(json.commits[0].bySession, { [CLAUDE.app]: 10 });
  assertEquals(json.files.map((f: { path: string }) => f.path), ["src/app.py", "src/greet.py"]);

  const html = (await repo.atrace(["summary", "main..feature", "--html"])).stdout;
  assert(html.startsWith("<!doctype html>"));
  assertStringIncludes(html, "default-src 'none'");
  assertNotIncludes(html, "<script");
  assertNotIncludes(html, "<img");
  assertNotIncludes(html, KEY);
  assertStringIncludes(html, "&lt;img src=x onerror=alert(1)&gt;");
  assertStringIncludes(html, `<td><code>b4a968cb</code></td><td>claude-code</td>`);
  const both = await repo.atrace(["summary", "--json", "--html"]);
  assertEquals(both.code, 129);
});

Deno.test("summary names a shared session's copy and writes its page with --pages; a session not in this clone says so", async () => {
  await using repo = await tempRepo();
  await featureBranch(repo);
  await Deno.mkdir(join(repo.dir, ".agents"));
  assertEquals((await repo.atrace(["share", CLAUDE.app])).code, 0);
  await repo.atrace(["delete", "--force", CODEX.classic]);
  const run = await repo.atrace(["summary", "main..feature", "--pages", "pages"]);
  assertEquals(run.code, 0, run.stderr);
  assertStringIncludes(run.stdout, `Shared copy: \`.agents/sessions/${CLAUDE.app}.jsonl\`\n`);
  assertStringIncludes(run.stdout, `Page: \`pages/${CLAUDE.app}.html\`\n`);
  const page = await repo.read(`pages/${CLAUDE.app}.html`);
  assertStringIncludes(page, "Create a tiny Python greeting app");
  assertStringIncludes(run.stdout, "| `01a229e3` | codex | openai/gpt-5.5 | 6 | 29% |");
  assertStringIncludes(run.stdout, "| _not in this clone_ |\n");
});

Deno.test("summary: an empty range, and no range to default to", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const empty = await repo.atrace(["summary", "HEAD..HEAD"]);
  assertEquals(empty.code, 0, empty.stderr);
  assertStringIncludes(empty.stdout, "**0 commits · 0 lines added");
  const none = await repo.atrace(["summary"]);
  assertEquals(none.code, 1);
  assertStringIncludes(none.stderr, "error: no range given and no branch to compare with");
  const bad = await repo.atrace(["summary", "nope..HEAD"]);
  assertEquals(bad.code, 128);
});
