import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { PROJECT, runGit, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";
import { validRecords } from "./corpus/schema.ts";
import {
  CONFIG_AFTER,
  CONFIG_BEFORE,
  SECRET_SESSION,
  seedSecretSession,
} from "./corpus/session.ts";

const EXAMPLE = join(PROJECT, "tests", "fixtures", "agent-trace", "example-trace-record.json");

// deno-lint-ignore no-explicit-any
type Rec = any;

/** A repository with a session linked to a commit, and a clone of it without notes or sessions. */
async function linkedPair(): Promise<{ src: TempRepo; dst: TempRepo; sha: string }> {
  const src = await tempRepo();
  await src.commit("initial", { "src/config.py": CONFIG_BEFORE });
  await seedSecretSession(src);
  const sha = await src.commit("tune config", { "src/config.py": CONFIG_AFTER });
  assertEquals((await src.atrace(["link", SECRET_SESSION, sha])).code, 0);
  const dst = await tempRepo();
  await Deno.remove(dst.dir, { recursive: true });
  await runGit(["clone", "-q", src.dir, dst.dir], { cwd: dst.home, env: dst.env });
  return { src, dst, sha };
}

async function storeSnapshot(repo: TempRepo): Promise<string> {
  const dir = join(repo.dir, ".git", "trace", "sessions");
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) names.push(e.name);
  } catch { /* no store yet */ }
  const notes = await repo.git(["for-each-ref", "refs/notes"]);
  return names.sort().join(",") + "|" + notes;
}

Deno.test("import: export → import → export gives the same records and links the commit", async () => {
  const { src, dst, sha } = await linkedPair();
  await using _src = src;
  await using _dst = dst;
  const first = await src.atrace(["export", SECRET_SESSION, "--out", join(dst.home, "t.jsonl")]);
  assertEquals(first.code, 0, first.stderr);
  const exported = await Deno.readTextFile(join(dst.home, "t.jsonl"));
  const imported = await dst.atrace(["import", join(dst.home, "t.jsonl")]);
  assertEquals(imported.code, 0, imported.stderr);
  assertStringIncludes(imported.stdout, `Imported session: ${SECRET_SESSION}`);
  assertStringIncludes(imported.stdout, `Linked to ${sha.slice(0, 7)}`);
  assertStringIncludes(
    await dst.git(["notes", "--ref=refs/notes/atrace", "show", sha]),
    SECRET_SESSION,
  );
  const second = await dst.atrace(["export", SECRET_SESSION]);
  assertEquals(second.code, 0, second.stderr);
  assertEquals(second.stdout, exported);
  const byCommit = await dst.atrace(["export", sha]);
  assertEquals(byCommit.stdout, exported);
  validRecords(second.stdout);
  const list = await dst.atrace(["list"]);
  assertStringIncludes(list.stdout, SECRET_SESSION.slice(0, 8));
  const again = await dst.atrace(["import", join(dst.home, "t.jsonl")]);
  assertEquals(again.code, 0, again.stderr);
  assertStringIncludes(again.stdout, "already has these records; nothing to do");
});

Deno.test("import: an unlinked session round trips through stdin; arrays and single records load", async () => {
  await using src = await tempRepo();
  await src.commit("initial", { "src/config.py": CONFIG_BEFORE });
  await seedSecretSession(src);
  const exported = (await src.atrace(["export", SECRET_SESSION])).stdout;
  await using dst = await tempRepo();
  await dst.commit("other history", { "x.txt": "x\n" });
  const imported = await dst.atrace(["import", "-"], { stdin: exported });
  assertEquals(imported.code, 0, imported.stderr);
  assertEquals((await dst.atrace(["export", SECRET_SESSION])).stdout, exported);
  const example = await Deno.readTextFile(EXAMPLE);
  const record = JSON.parse(example);
  const array = await dst.atrace(["import", "-"], { stdin: JSON.stringify([record]) });
  assertEquals(array.code, 0, array.stderr);
  assertStringIncludes(array.stdout, `Imported session: ${record.id}`);
  assertStringIncludes(
    array.stderr,
    `warning: record ${record.id}: commit a1b2c3d4e5f6 not found here; not linked`,
  );
  const out = validRecords((await dst.atrace(["export", record.id])).stdout) as Record<
    string,
    unknown
  >[];
  assertEquals(out.length, 1);
  assertEquals(out[0]!.files, record.files);
  assertEquals(out[0]!.vcs, record.vcs);
});

Deno.test("import: merges new records into an existing session without touching its files", async () => {
  const { src, dst, sha } = await linkedPair();
  await using _src = src;
  await using _dst = dst;
  const exported = (await src.atrace(["export", SECRET_SESSION])).stdout;
  const seeded = await seedSecretSession(dst);
  const before = await Deno.readTextFile(join(seeded.dir, `${SECRET_SESSION}.jsonl`));
  const merged = await dst.atrace(["import", "-"], { stdin: exported });
  assertEquals(merged.code, 0, merged.stderr);
  assertStringIncludes(merged.stdout, "Merged 1 record into existing session 5ec7e7a1");
  assertEquals(await Deno.readTextFile(join(seeded.dir, `${SECRET_SESSION}.jsonl`)), before);
  assertStringIncludes(
    await dst.git(["notes", "--ref=refs/notes/atrace", "show", sha]),
    SECRET_SESSION,
  );
  const other = JSON.parse(exported);
  other.id = crypto.randomUUID();
  const conflict = await dst.atrace(["import", "-"], { stdin: JSON.stringify(other) });
  assertEquals(conflict.code, 1);
  assertStringIncludes(conflict.stderr, "already has attribution on");
});

Deno.test("import: hostile input is refused with a clear error and nothing is written", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("initial", { "a.txt": "a\n" });
  const good = JSON.parse(await Deno.readTextFile(EXAMPLE));
  good.vcs.revision = sha;
  const variant = (change: (r: Rec) => void) => {
    const r = structuredClone(good);
    change(r);
    return JSON.stringify(r);
  };
  const cases: [string, string, string][] = [
    ["bad json", "{not json", "is not JSON or JSONL (line 1 does not parse)"],
    ["empty", "  \n", "holds no Agent Trace records"],
    ["not a record", "[1, 2]", "record 1: not a JSON object"],
    ["bad uuid", variant((r) => (r.id = "../../etc/passwd")), "is not a UUID"],
    [
      "bad session id",
      variant((r) => (r.metadata = { "dev.git-atrace": { session_id: "../../x" } })),
      "invalid session id '../../x'",
    ],
    [
      "dot-dot path",
      variant((r) => (r.files[0].path = "../outside.txt")),
      "path '../outside.txt' is outside the repository",
    ],
    [
      "absolute path",
      variant((r) => (r.files[0].path = "/etc/passwd")),
      "path '/etc/passwd' is outside the repository",
    ],
    [
      "git dir path",
      variant((r) => (r.files[0].path = ".git/hooks/pre-commit")),
      "is outside the repository",
    ],
    [
      "option revision",
      variant((r) => (r.vcs.revision = "--upload-pack=touch x")),
      "is not a git commit id",
    ],
    [
      "bad range",
      variant((r) => (r.files[0].conversations[0].ranges[0].start_line = 0)),
      "ranges need integer start_line",
    ],
    ["bad version", variant((r) => (r.version = "0.1")), "version must look like 0.1.0"],
    [
      "deep metadata",
      variant((r) => (r.metadata = { x: JSON.parse('{"a":'.repeat(500) + "1" + "}".repeat(500)) })),
      "metadata is nested deeper than 64 levels",
    ],
    ["second line bad", `${variant(() => {})}\n{"version":`, "line 2 does not parse"],
  ];
  const before = await storeSnapshot(repo);
  for (const [name, input, message] of cases) {
    const out = await repo.atrace(["import", "-"], { stdin: input });
    assertEquals(out.code, 1, `${name}: ${out.stderr}`);
    assertStringIncludes(out.stderr, message, name);
    assert(out.stderr.startsWith("error: "), name);
  }
  const huge = join(repo.home, "huge.jsonl");
  const file = await Deno.open(huge, { create: true, write: true });
  await file.truncate(33 * 1024 * 1024);
  file.close();
  const big = await repo.atrace(["import", huge]);
  assertEquals(big.code, 1);
  assertStringIncludes(big.stderr, "is too large (34603008 bytes; the limit is 32 MiB)");
  const missing = await repo.atrace(["import", "nope.json"]);
  assertStringIncludes(missing.stderr, "error: cannot read 'nope.json': no such file");
  assertEquals(await storeSnapshot(repo), before);
  const ok = await repo.atrace(["import", "-"], { stdin: variant(() => {}) });
  assertEquals(ok.code, 0, ok.stderr);
  assert((await storeSnapshot(repo)) !== before);
});

Deno.test("import: a record naming its commit by a short or upper-case sha attributes the lines", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("initial", { "a.txt": "one\ntwo\n" });
  const record = {
    version: "0.1.0",
    id: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    timestamp: "2026-01-02T03:04:05Z",
    vcs: { type: "git", revision: sha.slice(0, 10).toUpperCase() },
    files: [{ path: "a.txt", conversations: [{ ranges: [{ start_line: 2, end_line: 2 }] }] }],
  };
  const imported = await repo.atrace(["import", "-"], { stdin: JSON.stringify(record) });
  assertEquals(imported.code, 0, imported.stderr);
  const blame = JSON.parse((await repo.atrace(["blame", "a.txt", "--json"])).stdout);
  assertEquals(blame.map((l: Rec) => l.sessions.map((s: Rec) => `${s.id}:${s.match}`)), [
    [],
    [`${record.id}:range`],
  ]);
});
