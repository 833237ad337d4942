import { join } from "node:path";
import { contentHash } from "../src/core/agent_trace.ts";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";
import { validRecords } from "./corpus/schema.ts";
import {
  CONFIG_AFTER,
  CONFIG_BEFORE,
  leakedSecrets,
  SECRET_SESSION,
  seedSecretSession,
} from "./corpus/session.ts";

const HASH = contentHash(["TIMEOUT = 30", "RETRIES = 3"]);

// deno-lint-ignore no-explicit-any
type Rec = any;

Deno.test("export: an unlinked session gives one valid record from its own edits, redacted", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/config.py": CONFIG_BEFORE });
  const seeded = await seedSecretSession(repo);
  const out = await repo.atrace(["export", SECRET_SESSION.slice(0, 6)]);
  assertEquals(out.code, 0, out.stderr);
  assertEquals(leakedSecrets(out.stdout, seeded.samples), []);
  const [record, ...rest] = validRecords(out.stdout) as Rec[];
  assertEquals(rest, []);
  assertEquals(record.version, "0.1.0");
  assertEquals(record.vcs, undefined);
  assertEquals(record.files, [{
    path: "src/config.py",
    conversations: [{
      url: `atrace://session/${SECRET_SESSION}`,
      contributor: { type: "ai", model_id: "anthropic/claude-sonnet-4-6" },
      ranges: [{ start_line: 2, end_line: 3, content_hash: HASH }],
      related: [{ type: "session", url: `atrace://session/${SECRET_SESSION}` }],
    }],
  }]);
  const details = record.metadata["dev.git-atrace.session"];
  assertEquals([details.id, details.agent, details.branch], [
    SECRET_SESSION,
    "claude-code",
    "main",
  ]);
  assertStringIncludes(details.title, "[REDACTED:aws-access-key]");
  assertEquals(record.metadata["dev.git-atrace"].session_id, SECRET_SESSION);
  const again = await repo.atrace(["export", SECRET_SESSION]);
  assertEquals(again.stdout, out.stdout, "stable ids for the same data");
});

Deno.test("export: a linked commit's attribution by session and by commit, --out, errors", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/config.py": CONFIG_BEFORE });
  await seedSecretSession(repo);
  const sha = await repo.commit("tune config", { "src/config.py": CONFIG_AFTER });
  const link = await repo.atrace(["link", SECRET_SESSION, sha]);
  assertEquals(link.code, 0, link.stderr);
  const bySession = await repo.atrace(["export", SECRET_SESSION]);
  assertEquals(bySession.code, 0, bySession.stderr);
  const [record] = validRecords(bySession.stdout) as Rec[];
  assertEquals(record.vcs, { type: "git", revision: sha });
  assertEquals(record.files[0].path, "src/config.py");
  assertEquals(record.files[0].conversations[0].ranges, [
    { start_line: 2, end_line: 3, content_hash: HASH },
  ]);
  assertEquals(record.files[0].conversations[0].url, `atrace://session/${SECRET_SESSION}`);
  const byCommit = await repo.atrace(["export", sha.slice(0, 10), "--out", "out.jsonl"]);
  assertEquals(byCommit.code, 0, byCommit.stderr);
  assertStringIncludes(byCommit.stderr, "Wrote 1 record to out.jsonl");
  const fromFile = validRecords(await repo.read("out.jsonl")) as Rec[];
  assertEquals(fromFile, [record]);
  const none = await repo.atrace(["export", "HEAD~1"]);
  assertEquals(none.code, 1);
  assertStringIncludes(none.stderr, "error: no attribution recorded for commit");
  const bad = await repo.atrace(["export", "zzz-nothing"]);
  assertEquals(bad.code, 1);
  assertStringIncludes(
    bad.stderr,
    "error: session not found: 'zzz-nothing' (nor a commit of that name)",
  );
});

Deno.test("export: model_id only when the model is known; sessions without edits still export", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "x\n" });
  const dir = join(repo.dir, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  const event = {
    kind: "edit",
    agent: "unknown",
    sessionId: "plain-session",
    time: "2026-10-14T09:00:00.000Z",
    edits: [{
      path: "a.txt",
      op: "create",
      hunks: [],
      added: [{ start: 1, end: 1 }],
      addedLines: ["hello"],
    }],
  };
  await Deno.writeTextFile(join(dir, "plain-session.events.jsonl"), JSON.stringify(event) + "\n");
  await Deno.writeTextFile(join(dir, "empty-session.timestamp"), "2026-10-14T09:00:00Z\n");
  const out = await repo.atrace(["export", "plain-session"]);
  assertEquals(out.code, 0, out.stderr);
  const [record] = validRecords(out.stdout) as Rec[];
  assertEquals(record.files[0].conversations[0].contributor, { type: "ai" });
  const empty = await repo.atrace(["export", "empty-session"]);
  assertEquals(empty.code, 0, empty.stderr);
  const [bare] = validRecords(empty.stdout) as Rec[];
  assertEquals(bare.files, []);
  assert(!("vcs" in bare));
});

Deno.test("export: an imported record's conversation urls are redacted too", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "x.txt": "x\n" });
  const token = "ghp_" + "a1B2c3D4e5".repeat(3) + "f6G7h8";
  const record = {
    version: "0.1.0",
    id: "0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f01",
    timestamp: "2026-01-02T03:04:05Z",
    files: [{
      path: "a.py",
      conversations: [{
        url: `https://chat.example.com/c/1?access_token=${token}`,
        related: [{ type: "chat", url: `https://bot:${token}@chat.example.com/c/1` }],
        ranges: [{ start_line: 1, end_line: 2 }],
      }],
    }],
  };
  const imported = await repo.atrace(["import", "-"], { stdin: JSON.stringify(record) });
  assertEquals(imported.code, 0, imported.stderr);
  const out = await repo.atrace(["export", record.id]);
  assertEquals(out.code, 0, out.stderr);
  assertEquals(out.stdout.includes(token), false);
  const [exported] = validRecords(out.stdout) as Rec[];
  assertStringIncludes(exported.files[0].conversations[0].url, "https://chat.example.com/c/1?");
  assertEquals(exported.id, record.id);
});
