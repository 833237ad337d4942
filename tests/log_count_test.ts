import { assertEquals } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("log takes git's counts: -<n>, -n <n>, -n<n>, --max-count=<n> and the original's <n>", async () => {
  await using repo = await tempRepo();
  const id = "aaaa1111-0000-4000-8000-000000000001";
  await repo.write(`.git/trace/sessions/${id}.jsonl`, "{}\n");
  for (const n of [1, 2, 3, 4]) {
    await repo.commit(`c${n}`, { "a.txt": `${n}\n` });
    await repo.atrace(["link", id]);
  }
  const subjects = async (args: string[]) => {
    const out = await repo.atrace(["log", ...args, "--json"]);
    assertEquals(out.code, 0, out.stderr);
    return JSON.parse(out.stdout).map((e: { message: string }) => e.message);
  };
  assertEquals(await subjects(["-2"]), ["c4", "c3"]);
  assertEquals(await subjects(["-n", "3"]), ["c4", "c3", "c2"]);
  assertEquals(await subjects(["-n1"]), ["c4"]);
  assertEquals(await subjects(["--max-count=2"]), ["c4", "c3"]);
  assertEquals(await subjects(["1"]), ["c4"]);
  const text = await repo.atrace(["log", "-1"]);
  assertEquals(text.stdout.match(/\u21b3/g)?.length, 1);
  const bad = await repo.atrace(["log", "-n", "x"]);
  assertEquals([bad.code, bad.stderr.split("\n")[0]], [129, "error: invalid count 'x'"]);
});
