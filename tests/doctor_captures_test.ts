/** doctor looks inside recent captures: a missing prompt or missed edits are problems; unknown
 * transcript records and untested agent versions are reported. */
import { assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { applyEdit, hook, installHome, payload } from "./helpers/captures.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("doctor: hooks that understood nothing while the transcript shows edits are a problem", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  await installHome(repo, "cline");
  // A future Cline renames its hook: every call is recorded, none is understood.
  for (const file of ["hook-PostToolUse-editor-create.json", "hook-PostToolUse-editor-edit.json"]) {
    const text = (await payload(repo, "cline", file)).replace(
      '"hookName":"tool_result"',
      '"hookName":"tool_done"',
    );
    const result = await repo.atrace(["hook"], { stdin: text });
    assertEquals(result.code, 0);
  }
  const doctor = await repo.atrace(["doctor"]);
  assertEquals(doctor.code, 1);
  assertStringIncludes(
    doctor.stdout,
    "!!  cline: session 17959986: its transcript shows 2 edits, its hooks captured none (its lines cannot be attributed)",
  );
  assertStringIncludes(doctor.stdout, "fix: git atrace install cline");
  assertNotIncludes(doctor.stdout, "hold their prompts and edits");
});

Deno.test("doctor and view: records of unknown types and an agent newer than tested are reported", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "# project\n" });
  const session = "b4a968cb-32f2-4d4b-9910-34091ef207d2";
  const [transcript] = (await installHome(repo, "claude-code")).filter((p) => p.includes(session));
  const text = await Deno.readTextFile(transcript!);
  const future = text.replaceAll('"version":"2.1.197"', '"version":"2.4.0"') +
    JSON.stringify({ type: "hologram", sessionId: session, uuid: "u-1" }) + "\n" +
    JSON.stringify({ type: "hologram", sessionId: session, uuid: "u-2" }) + "\n";
  await Deno.writeTextFile(transcript!, future);
  await hook(repo, "claude-code", "hook-UserPromptSubmit.json");
  const write =
    JSON.parse(await payload(repo, "claude-code", "hook-PostToolUse-Write.json")).tool_input;
  await applyEdit(write.file_path, { content: write.content });
  await hook(repo, "claude-code", "hook-PostToolUse-Write.json");

  const doctor = (await repo.atrace(["doctor"])).stdout;
  assertStringIncludes(doctor, "ok  the last session holds its prompt and edits");
  assertStringIncludes(
    doctor,
    "--  claude-code 2.4.0: session b4a968cb: 2 transcript records of unknown type skipped (hologram)",
  );
  assertStringIncludes(
    doctor,
    "--  claude-code 2.4.0 is newer than the versions git-atrace was tested with (2.1.197)",
  );
  const view = await repo.atrace(["view", session]);
  assertEquals(view.code, 0);
  assertStringIncludes(view.stderr, "warning: skipped 2 records of unknown type (hologram ×2)");
});
