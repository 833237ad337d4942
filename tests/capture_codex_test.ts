/** Codex 0.171.0's real payloads and rollouts through the hook entry point, in its two tool modes:
 * classic (apply_patch and exec_command tools) and code mode (one `exec` tool running scripts). */
import {
  assertEquals,
  assertMatch,
  assertNotIncludes,
  assertStringIncludes,
} from "./helpers/assert.ts";
import {
  agentCommit,
  applyEdit,
  hook,
  installHome,
  payload,
  storedEvents,
} from "./helpers/captures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const MODES = {
  classic: {
    session: "01a229e3-7c1e-7571-899c-00052c4ff876",
    sha: "24b14ac",
    ids: ["call_patch_2", "call_patch_5", "call_shell_8"],
  },
  codemode: {
    session: "01a229e3-9ac4-70e2-977b-92bc08ddc412",
    sha: "d958456",
    ids: [
      "exec-1c35920b-0452-4dce-ac22-46d36f3deb08",
      "exec-92a6e3e0-387b-4ac0-aa66-8f484704aaaa",
      "exec-40aecd62-fee4-42bb-a3aa-24b4d2b5a810",
    ],
  },
};
const PROMPT = "Create src/app.py with a greet function, use an f-string, then commit it.";

/** Applies the file change an apply_patch payload describes (one Add or one Update hunk). */
async function applyPatch(repo: TempRepo, folder: string, file: string): Promise<void> {
  const patch: string = JSON.parse(await payload(repo, folder, file)).tool_input.command;
  const body = patch.split("\n").slice(2, -2);
  const path = `${repo.dir}/src/app.py`;
  if (patch.includes("*** Add File:")) {
    return await applyEdit(path, { content: body.map((l) => l.slice(1)).join("\n") + "\n" });
  }
  const lines = body.filter((l) => !l.startsWith("@@"));
  const old = lines.filter((l) => !l.startsWith("+")).map((l) => l.slice(1)).join("\n");
  const now = lines.filter((l) => !l.startsWith("-")).map((l) => l.slice(1)).join("\n");
  await applyEdit(path, { old, new: now });
}

for (const [mode, expected] of Object.entries(MODES)) {
  Deno.test(`codex 0.171 (${mode}): prompt, edits and commit captured; view, why and log show them once`, async () => {
    await using repo = await tempRepo();
    const F = `codex/${mode}`;
    await repo.commit("initial", { "README.md": "# project\n" });
    await installHome(repo, F);
    await hook(repo, F, "hook-SessionStart.json");
    await hook(repo, F, "hook-UserPromptSubmit.json");
    await applyPatch(repo, F, "hook-PostToolUse-apply_patch-add.json");
    await hook(repo, F, "hook-PostToolUse-apply_patch-add.json");
    await applyPatch(repo, F, "hook-PostToolUse-apply_patch-update.json");
    await hook(repo, F, "hook-PostToolUse-apply_patch-update.json");
    const sha = await agentCommit(repo, "add app");
    await hook(repo, F, "hook-PostToolUse-Bash-git-commit.json", {
      replace: { [expected.sha]: sha },
    });
    await hook(repo, F, "hook-Stop.json");

    const events = await storedEvents(repo, expected.session);
    assertEquals(events.filter((e) => e.toolName).map((e) => e.toolCallId), expected.ids);
    const shell = events.find((e) => e.kind === "shell")!;
    assertEquals(shell.exitCode, 0);

    const view = (await repo.atrace(["view", expected.session])).stdout;
    assertEquals(view.split(`> ${PROMPT}`).length, 2, view);
    assertEquals(view.split("[apply_patch] src/app.py").length, 3, view);
    assertEquals(view.split("$ git add -A && git commit -m").length, 2, view);
    assertStringIncludes(view, '+    return f"Hello, {name}!"');
    assertStringIncludes(view, `[main ${expected.sha}] add app`);
    assertNotIncludes(view, "Wall time");
    assertNotIncludes(view, "Script completed");
    assertNotIncludes(view, "[exec]");
    assertStringIncludes(
      view,
      'Done: src/app.py greets with an f-string and is committed as "add app".',
    );

    const why = (await repo.atrace(["why", "src/app.py:2"])).stdout;
    assertStringIncludes(why, `session  ${expected.session} (wrote this line)`);
    assertMatch(why, new RegExp(`tool {5}apply_patch ${expected.ids[1]}`));
    assertStringIncludes(why, `Prompt\n  ${PROMPT}`);
    assertStringIncludes(why, '+    return f"Hello, {name}!"');
    const meta = JSON.parse(await repo.read(`.git/trace/sessions/${expected.session}.json`));
    assertEquals(meta.title, PROMPT);
    assertStringIncludes((await repo.atrace(["log"])).stdout, expected.session.slice(0, 8));
  });
}

Deno.test("codex 0.171: a Bash hook without an exit code gets it from the rollout's CommandExecution item, written before the call's output", async () => {
  await using repo = await tempRepo();
  const F = "codex/classic";
  const { session, sha: printed } = MODES.classic;
  await repo.commit("initial", { "README.md": "# project\n" });
  const [rollout] = await installHome(repo, F);
  const full = await Deno.readTextFile(rollout!);
  // At the hook, Codex had written the CommandExecution item but not yet the function_call_output.
  const cut = full.slice(0, full.indexOf('"type":"function_call_output","id":"fco_'));
  await Deno.writeTextFile(rollout!, cut.slice(0, cut.lastIndexOf("\n") + 1));
  await repo.write("src/app.py", "x = 1\n");
  const sha = await agentCommit(repo, "add app");
  await hook(repo, F, "hook-PostToolUse-Bash-git-commit.json", { replace: { [printed]: sha } });
  const [shell] = await storedEvents(repo, session);
  assertEquals([shell?.kind, shell?.toolCallId, shell?.exitCode], ["shell", "call_shell_8", 0]);
  await Deno.writeTextFile(rollout!, full);
  const view = (await repo.atrace(["view", session])).stdout;
  assertEquals(view.split(`[main ${printed}] add app`).length, 2, view);
});
