/** Compatibility with the original bash tool: its hook payloads, its stored sessions, its exports. */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { legacySession, promptLine } from "./helpers/legacy_session.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("an unknown session: 'session not found', in git's error style", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  for (const command of ["view", "files", "link", "delete", "share", "export"]) {
    const out = await repo.atrace([command, "nosuchsession"]);
    assertEquals(out.code, 1, command);
    assertMatch(out.stderr, /^error: session not found: 'nosuchsession'/, command);
  }
});

Deno.test("a hook payload without cwd (as the original's tests send) is stored from the hook's directory", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/app.py": "x = 1\n" });
  const transcript = `${repo.home}/t.jsonl`;
  await Deno.writeTextFile(transcript, promptLine("edit the app") + "\n");
  const payload = (id: string, path: string) =>
    JSON.stringify({
      session_id: id,
      transcript_path: transcript,
      tool_name: "Edit",
      tool_input: { file_path: path, old_string: "x = 1", new_string: "x = 2" },
    });
  // A relative path (from the hook's directory, a subdirectory here), an absolute one, one outside.
  const cases: [string, string, string, string][] = [
    ["c0ffee00-0000-4000-8000-000000000001", "app.py", `${repo.dir}/src`, "src/app.py"],
    ["c0ffee00-0000-4000-8000-000000000002", `${repo.dir}/src/app.py`, repo.dir, "src/app.py"],
    ["c0ffee00-0000-4000-8000-000000000003", "/tmp/test.txt", repo.dir, "/tmp/test.txt"],
  ];
  for (const [id, path, cwd, stored] of cases) {
    const hook = await repo.atrace(["hook"], { stdin: payload(id, path), cwd });
    assertEquals([hook.code, hook.stdout, hook.stderr], [0, "", ""]);
    assertEquals(await repo.read(`.git/trace/sessions/${id}.files`), `${stored}\n`, path);
    assertEquals(
      await repo.read(`.git/trace/sessions/${id}.jsonl`),
      promptLine("edit the app") + "\n",
    );
  }
});
