/** Compatibility with the original bash tool: its hook payloads, its stored sessions, its exports. */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { legacySession, promptLine } from "./helpers/legacy_session.ts";
import { tempRepo } from "./helpers/temp_repo.ts";
import { schemaErrors } from "./corpus/schema.ts";

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

Deno.test("export of a session the original tool wrote uses its .timestamp, .files and notes link", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/app.py": "a = 1\n", "notes.txt": "x\n" });
  const id = "3ea80c57-6b85-4ca6-bec1-d6d471d207e2";
  const transcript = [
    JSON.stringify({
      type: "user",
      sessionId: id,
      uuid: "u1",
      message: { role: "user", content: "add b" },
    }),
    JSON.stringify({
      type: "assistant",
      sessionId: id,
      uuid: "u2",
      message: {
        role: "assistant",
        model: "claude-sonnet-4-6",
        content: [{ type: "text", text: "Done." }],
      },
    }),
  ].join("\n") + "\n";
  await legacySession(repo, id, {
    transcript,
    files: "src/app.py\n",
    timestamp: "2026-11-24T04:01:13Z",
  });
  // Unlinked: the original exported HEAD and each file whole.
  const head = (await repo.git(["rev-parse", "HEAD"])).trim();
  const unlinked = JSON.parse((await repo.atrace(["export", id])).stdout);
  assertEquals(unlinked.vcs, { type: "git", revision: head });
  assertEquals(unlinked.files.map((f: { path: string }) => f.path), ["src/app.py"]);
  assertEquals(unlinked.timestamp, "2026-11-24T04:01:13.000Z");
  // Linked by the original's `link` (a plain note on refs/notes/atrace): that commit's lines.
  const sha = await repo.commit("add b", {
    "src/app.py": "a = 1\nb = 2\nc = 3\n",
    "notes.txt": "x\ny\n",
  });
  await repo.git(["notes", "--ref=refs/notes/atrace", "add", "-m", id, sha]);
  const out = await repo.atrace(["export", id]);
  assertEquals(out.code, 0, out.stderr);
  const record = JSON.parse(out.stdout);
  assertEquals(record.vcs, { type: "git", revision: sha });
  assertEquals(record.timestamp, "2026-11-24T04:01:13.000Z");
  assertEquals(record.files.length, 1);
  assertEquals(record.files[0].path, "src/app.py");
  assertEquals(
    record.files[0].conversations[0].ranges.map((
      r: { start_line: number; end_line: number },
    ) => [r.start_line, r.end_line]),
    [[2, 3]],
  );
  assertEquals(
    record.files[0].conversations[0].contributor.model_id,
    "anthropic/claude-sonnet-4-6",
  );
  assertEquals(record.metadata["dev.git-atrace"].agent, "claude-code");
  assertEquals(schemaErrors(record), []);
});

Deno.test("import takes the original tool's export files, mapping their fields and saying so", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("auth", { "src/auth.py": "a\nb\nc\n" });
  const original = (id: string, revision: string, model: string | null) => ({
    version: "0.1",
    id,
    timestamp: "2026-11-24T04:01:13Z",
    files: [
      {
        path: "src/auth.py",
        conversations: [{
          ranges: [{ start_line: 1, end_line: 3, contributor: { type: "ai", model_id: model } }],
        }],
      },
      {
        path: "/tmp/test.txt",
        conversations: [{
          ranges: [{ start_line: 1, end_line: 1, contributor: { type: "ai", model_id: model } }],
        }],
      },
    ],
    vcs: { type: "git", revision },
    tool: { name: "git-atrace", version: "0.1.0" },
  });
  const id = "3ea80c57-6b85-4ca6-bec1-d6d471d207e2";
  await Deno.writeTextFile(
    `${repo.home}/export.json`,
    JSON.stringify(original(id, sha, "anthropic/claude"), null, 2),
  );
  const out = await repo.atrace(["import", `${repo.home}/export.json`]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "is the original git-atrace's export:");
  for (
    const said of [
      'version "0.1" read as "0.1.0"',
      `its id '${id}' is the session id`,
      "1 file(s) outside the repository skipped",
      "model_id anthropic/claude dropped",
    ]
  ) assertStringIncludes(out.stdout, said);
  assertStringIncludes(out.stdout, `Imported session: ${id}`);
  const blame = JSON.parse((await repo.atrace(["blame", "--json", "src/auth.py"])).stdout);
  assertEquals(blame.map((l: { attribution: string }) => l.attribution), ["ai", "ai", "ai"]);
  assertEquals(blame[0].sessions[0].id, id);
  assertEquals(
    (await repo.atrace(["files", id])).stdout.trim().split("\n").at(-1),
    "  src/auth.py",
  );
  // No repository at export time: an empty revision, a null model and a non-UUID id.
  const bare = await repo.atrace(["import", "-"], {
    stdin: JSON.stringify(original("abc-def", "", null)),
  });
  assertEquals(bare.code, 0, bare.stderr);
  assertStringIncludes(bare.stdout, "empty vcs.revision dropped");
  assertStringIncludes(bare.stdout, "model_id null dropped");
  assert((await repo.atrace(["list"])).stdout.includes("abc-def"));
});
