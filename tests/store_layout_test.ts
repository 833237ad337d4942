/**
 * The store's layout on disk: the event log's name (`<id>.events`, migrated from `.events.jsonl`),
 * what the original tool's globs find, and permissions (files 0600, directories 0700).
 */
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { captureClaudeEdit, CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

function writePayload(repo: TempRepo, session: string, file = "a.txt"): string {
  return JSON.stringify({
    session_id: session,
    cwd: repo.dir,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_use_id: `toolu_${file}`,
    tool_input: { file_path: `${repo.dir}/${file}`, content: "a\n" },
  });
}

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

/** What the original bash tool's `find_session` picks: the first `<prefix>*<ext>` in glob order. */
async function originalLookup(dir: string, prefix: string, ext: string): Promise<string> {
  const out = await new Deno.Command("bash", {
    args: ["-c", 'cd "$1" && for f in "$2"*"$3"; do echo "$f"; break; done', "-", dir, prefix, ext],
    env: { LC_ALL: "C" },
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("the original tool's <prefix>*.jsonl, *.files and *.timestamp globs find only its own files", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  const dir = join(repo.dir, SESSIONS);
  for (
    const prefix of ["", CLAUDE_SESSION.slice(0, 1), CLAUDE_SESSION.slice(0, 8), CLAUDE_SESSION]
  ) {
    for (const ext of [".jsonl", ".files", ".timestamp"]) {
      assertEquals(await originalLookup(dir, prefix, ext), `${CLAUDE_SESSION}${ext}`, ext);
    }
  }
  for (const name of await names(dir)) {
    assert(
      !/\.(?:jsonl|files|timestamp)$/.test(name) ||
        [".jsonl", ".files", ".timestamp"].some((ext) => name === `${CLAUDE_SESSION}${ext}`),
      `'${name}' would be taken for one of the original tool's files`,
    );
  }
  assert((await names(dir)).includes(`${CLAUDE_SESSION}.events`));
  // Shared, too.
  await Deno.mkdir(join(repo.dir, ".agents"));
  assertEquals((await repo.atrace(["share", CLAUDE_SESSION])).code, 0);
  const shared = join(repo.dir, ".agents/sessions");
  assertEquals(await originalLookup(shared, "", ".jsonl"), `${CLAUDE_SESSION}.jsonl`);
  assertEquals(
    await names(shared),
    [".events", ".files", ".json", ".jsonl", ".timestamp"].map((e) => CLAUDE_SESSION + e),
  );
});

Deno.test("an older store (events in <id>.events.jsonl, world-readable) is migrated on the first write", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await repo.atrace(["hook"], { stdin: writePayload(repo, "first") });
  await repo.atrace(["hook"], { stdin: writePayload(repo, "idle") });
  const dir = join(repo.dir, SESSIONS);
  const trace = join(repo.dir, ".git/trace");
  // Make it look like the previous version's store.
  for (const id of ["first", "idle"]) {
    await Deno.rename(join(dir, `${id}.events`), join(dir, `${id}.events.jsonl`));
  }
  await Deno.remove(join(trace, "layout"));
  for (const name of await names(dir)) await Deno.chmod(join(dir, name), 0o644);
  await Deno.chmod(dir, 0o755);
  await Deno.chmod(trace, 0o755);
  // Readers still understand the older layout.
  assertStringIncludes((await repo.atrace(["view", "idle"])).stdout, "a.txt");

  await repo.atrace(["hook"], { stdin: writePayload(repo, "first", "b.txt") });
  assertEquals(await names(dir), [
    "first.events",
    "first.files",
    "first.json",
    "first.timestamp",
    "idle.events",
    "idle.files",
    "idle.json",
    "idle.timestamp",
  ]);
  const events = (await Deno.readTextFile(join(dir, "first.events"))).trim().split("\n");
  assertEquals(events.map((l) => JSON.parse(l).toolCallId), ["toolu_a.txt", "toolu_b.txt"]);
  for (const name of await names(dir)) {
    assertEquals((await Deno.stat(join(dir, name))).mode! & 0o777, 0o600, name);
  }
  for (const path of [trace, dir]) assertEquals((await Deno.stat(path)).mode! & 0o777, 0o700);
  assertStringIncludes((await repo.atrace(["view", "idle"])).stdout, "a.txt");
});

Deno.test("a new store is private: files 0600, directories 0700, the hook log too", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  await repo.atrace(["hook"], { stdin: "not json" });
  const trace = join(repo.dir, ".git/trace");
  const seen: string[] = [];
  const walk = async (dir: string) => {
    assertEquals((await Deno.stat(dir)).mode! & 0o777, 0o700, dir);
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      seen.push(entry.name);
      if (entry.isDirectory) await walk(path);
      else assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600, path);
    }
  };
  await walk(trace);
  assert(seen.includes("log") && seen.includes(`${CLAUDE_SESSION}.jsonl`), seen.join(" "));
});
