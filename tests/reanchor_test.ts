/** Re-anchoring line by line: a person changing one line of an agent's block loses only that line. */
import { assertEquals } from "./helpers/assert.ts";
import { agentWrite } from "./helpers/agent_write.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const S1 = "11111111-1111-4111-8111-111111111111";
const AGENT_ENV = { CLAUDECODE: "1" };
const BLOCK = Array.from(
  { length: 12 },
  (_, i) => `    total_${i} = compute(${i}, rows) + ${i * 7}`,
);
const FILE = `def report(rows):\n${BLOCK.join("\n")}\n    return total_11\n`;
const FIXED = FILE.replace("compute(5, rows) + 35", "compute(5, rows) + 36  # pat");

async function blameIds(repo: TempRepo, path: string): Promise<string> {
  const out = await repo.atrace(["blame", path, "--json"]);
  assertEquals(out.code, 0, out.stderr);
  return JSON.parse(out.stdout).map((l: { sessions: { id: string }[] }) =>
    l.sessions[0] ? "A" : "."
  ).join("");
}

/** What every rewrite must give: the agent's 14 lines but the person's (line 7). */
const EXPECTED = "AAAAAA.AAAAAAA";

async function agentCommit(repo: TempRepo) {
  await repo.commit("initial", { "README.md": "hi\n" });
  await agentWrite(repo, S1, "report.py", FILE, "toolu_report");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-qm", "report by agent"], { env: AGENT_ENV });
}

Deno.test("re-anchor line by line: one line changed by a person in an agent's 12-line block, amended, loses only that line (with and without the rewrite config); link by hand agrees", async () => {
  for (const init of [true, false]) {
    await using repo = await tempRepo();
    if (init) assertEquals((await repo.atrace(["init"])).code, 0);
    await agentCommit(repo);
    if (!init) assertEquals((await repo.atrace(["link", S1])).code, 0);
    assertEquals(await blameIds(repo, "report.py"), "A".repeat(14));
    await repo.write("report.py", FIXED);
    await repo.git(["commit", "-qa", "--amend", "--no-edit"]);
    if (!init) await agentWrite(repo, S1, "later.txt", "next step\n", "toolu_later");
    assertEquals(await blameIds(repo, "report.py"), EXPECTED, init ? "init" : "agent hooks");
    const record = await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]);
    await repo.atrace(["unlink", S1]);
    await repo.atrace(["link", S1]);
    const linked = await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", "HEAD"]);
    const ranges = (text: string) => JSON.parse(text).metadata["dev.git-atrace"].ranges;
    assertEquals(ranges(record), ranges(linked), "link by hand gives the rewrite's answer");
  }
});

Deno.test("re-anchor line by line: a fixup folded by rebase -i and a squash merge lose only the person's line", async () => {
  await using repo = await tempRepo();
  assertEquals((await repo.atrace(["init"])).code, 0);
  await agentCommit(repo);
  await repo.write("report.py", FIXED);
  await repo.git(["commit", "-qam", "fixup! report by agent"]);
  await repo.git(["rebase", "-q", "-i", "--autosquash", "HEAD~2"], {
    env: { GIT_SEQUENCE_EDITOR: "true" },
  });
  assertEquals(await blameIds(repo, "report.py"), EXPECTED);

  await using squash = await tempRepo();
  await squash.commit("initial", { "README.md": "hi\n" });
  await squash.git(["checkout", "-q", "-b", "feature"]);
  await agentWrite(squash, S1, "report.py", FILE, "toolu_report");
  await squash.commit("report");
  assertEquals((await squash.atrace(["link", S1])).code, 0);
  await squash.write("report.py", FIXED);
  await squash.commit("person fix");
  await squash.git(["checkout", "-q", "main"]);
  await squash.git(["merge", "-q", "--squash", "feature"]);
  await squash.commit("feature (#1)");
  await squash.git(["branch", "-q", "-D", "feature"]);
  assertEquals((await squash.atrace(["repair"])).code, 0);
  assertEquals(await blameIds(squash, "report.py"), EXPECTED);
});

Deno.test("agent hooks only: after rebase -i (reorder, fixup) blame moves the lost notes itself, to the commit HEAD reaches, losing only the person's line", async () => {
  await using repo = await tempRepo();
  const now = () => {
    const date = `${Math.floor(Date.now() / 1000)} +0000`;
    return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  };
  await repo.commit("initial", { "README.md": "hi\n" });
  await agentWrite(repo, S1, "report.py", FILE, "toolu_report");
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-qm", "report by agent"], { env: now() });
  await agentWrite(repo, S1, "notes.txt", "next\n", "toolu_next");
  await Deno.remove(`${repo.dir}/notes.txt`);
  assertEquals(await blameIds(repo, "report.py"), "A".repeat(14));
  await repo.write("README.md", "hi\nperson\n");
  await repo.git(["commit", "-qm", "person", "README.md"], { env: now() });
  await repo.write("report.py", FIXED);
  await repo.git(["commit", "-qm", "fixup! report by agent", "report.py"], { env: now() });
  const [x, y, f] = (await repo.git(["rev-list", "--reverse", "HEAD~3..HEAD"])).trim().split("\n");
  await repo.write("../todo", `pick ${y}\npick ${x}\nfixup ${f}\n`);
  await repo.git(["rebase", "-q", "-i", "HEAD~3"], {
    env: { ...now(), GIT_SEQUENCE_EDITOR: `cp '${repo.dir}/../todo'` },
  });
  assertEquals(await blameIds(repo, "report.py"), EXPECTED);
  assertEquals(
    (await repo.git(["notes", "--ref=refs/notes/atrace", "list"])).trim().split(" ")[1],
    (await repo.git(["rev-parse", "HEAD"])).trim(),
  );
});
