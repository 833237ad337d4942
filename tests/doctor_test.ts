/** `git atrace doctor`: every problem with its fix, then a clean bill once set up. */
import { join } from "node:path";
import { assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { fixture } from "./helpers/fixtures.ts";
import { PROJECT, tempRepo } from "./helpers/temp_repo.ts";

Deno.test("doctor: problems with fixes, then everything fine after install, init and a capture", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  await repo.commit("initial");
  const before = await repo.atrace(["doctor"]);
  assertEquals(before.code, 1);
  assertStringIncludes(before.stdout, "!!  no agent is set up to call git-atrace");
  assertStringIncludes(before.stdout, "fix: git atrace install <agent>");
  assertStringIncludes(before.stdout, "!!  no post-commit safety net");
  assertStringIncludes(before.stdout, "notes.rewriteRef lacks refs/notes/atrace");
  assertStringIncludes(before.stdout, "fix: git atrace init");
  assertStringIncludes(before.stdout, "problems found.");

  await repo.atrace(["install", "cursor"]);
  await repo.write(".gemini/settings.json", "{oops");
  const broken = await repo.atrace(["doctor"], { env: { PATH: "/usr/bin:/bin" } });
  assertStringIncludes(broken.stdout, "ok  cursor: set up in .cursor/hooks.json");
  assertStringIncludes(broken.stdout, "!!  gemini-cli: .gemini/settings.json is not valid JSON");
  assertStringIncludes(broken.stdout, "!!  the hooks run 'git-atrace', which is not on PATH");
  assertStringIncludes(broken.stdout, "--  cursor: no capture yet");

  await Deno.remove(join(repo.dir, ".gemini"), { recursive: true });
  const bin = join(repo.home, "bin");
  await Deno.mkdir(bin);
  await Deno.writeTextFile(
    join(bin, "git-atrace"),
    `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet --config="${
      join(PROJECT, "deno.json")
    }" "${join(PROJECT, "main.ts")}" "$@"\n`,
  );
  await Deno.chmod(join(bin, "git-atrace"), 0o755);
  await repo.atrace(["init"]);
  const payload = await fixture(repo, "cursor", "hook-beforeSubmitPrompt.json");
  assertEquals(
    (await repo.atrace(["hook", "cursor", "beforeSubmitPrompt"], { stdin: payload })).code,
    0,
  );
  const env = { PATH: `${bin}:${Deno.env.get("PATH")}` };
  const fine = await repo.atrace(["doctor"], { env });
  assertEquals(fine.code, 0, fine.stdout);
  assertStringIncludes(fine.stdout, `ok  git-atrace: ${join(bin, "git-atrace")}`);
  assertStringIncludes(fine.stdout, "ok  1 session, 1 in the last 7 days");
  assertStringIncludes(fine.stdout, "ok  post-commit hook installed");
  assertStringIncludes(fine.stdout, "ok  notes follow amend and rebase");
  assertStringIncludes(fine.stdout, "Everything looks fine.");
  assertNotIncludes(fine.stdout, "!!");
});
