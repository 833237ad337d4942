import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";
import { share } from "../src/commands/share.ts";
import type { Context } from "../src/io/context.ts";
import { leakedSecrets, SECRET_SESSION, seedSecretSession } from "./corpus/session.ts";

const EXTS = [".jsonl", ".events", ".json", ".files", ".timestamp"];

async function readAll(dir: string, id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const ext of EXTS) {
    out[ext] = await Deno.readTextFile(join(dir, id + ext)).catch(() => "");
  }
  return out;
}

async function sharedRepo() {
  const repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hi\n" });
  await Deno.mkdir(join(repo.dir, ".agents"));
  const seeded = await seedSecretSession(repo);
  return { repo, seeded };
}

Deno.test("share: redacts transcript, events and metadata; the private copy is untouched", async () => {
  const { repo, seeded } = await sharedRepo();
  await using _ = repo;
  const before = await readAll(seeded.dir, SECRET_SESSION);
  const out = await repo.atrace(["share", SECRET_SESSION.slice(0, 8)]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, `Shared session: ${SECRET_SESSION}`);
  assertMatch(out.stdout, /Redacted \d+ findings: /);
  assertStringIncludes(out.stdout, "staged for commit");
  const shared = await readAll(join(repo.dir, ".agents", "sessions"), SECRET_SESSION);
  for (const [ext, text] of Object.entries(shared)) {
    assertEquals(leakedSecrets(text, seeded.samples), [], `leaked in ${ext}`);
  }
  assertStringIncludes(shared[".jsonl"]!, "[REDACTED:github-token]");
  for (const line of shared[".jsonl"]!.trimEnd().split("\n")) JSON.parse(line);
  for (const line of shared[".events"]!.trimEnd().split("\n")) JSON.parse(line);
  assertEquals(JSON.parse(shared[".json"]!).id, SECRET_SESSION);
  assertEquals(shared[".files"], "src/config.py\n");
  assertEquals(await readAll(seeded.dir, SECRET_SESSION), before);
  const staged = (await repo.git(["diff", "--cached", "--name-only"])).trim().split("\n");
  assertEquals(staged.sort(), EXTS.map((e) => `.agents/sessions/${SECRET_SESSION}${e}`).sort());
  const view = await repo.atrace(["view", SECRET_SESSION]);
  assertEquals(view.code, 0);
});

Deno.test("share --dry-run lists kind, file:line and a masked preview and writes nothing", async () => {
  const { repo, seeded } = await sharedRepo();
  await using _ = repo;
  const out = await repo.atrace(["share", "--dry-run", SECRET_SESSION]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "nothing written");
  assertMatch(
    out.stdout,
    new RegExp(`github-token +${SECRET_SESSION}\\.jsonl:\\d+ +ghp_…\\(40 chars\\)`),
  );
  assertMatch(out.stdout, new RegExp(`private-key +${SECRET_SESSION}\\.events:\\d+`));
  assertMatch(out.stdout, new RegExp(`${SECRET_SESSION}\\.json:7 `));
  assertEquals(leakedSecrets(out.stdout, seeded.samples), []);
  assert(!(await Deno.stat(join(repo.dir, ".agents", "sessions")).catch(() => null)));
  assertEquals((await repo.git(["diff", "--cached", "--name-only"])).trim(), "");
});

Deno.test("share --no-redact refuses without a terminal unless --yes, then copies as is", async () => {
  const { repo, seeded } = await sharedRepo();
  await using _ = repo;
  const refused = await repo.atrace(["share", "--no-redact", SECRET_SESSION]);
  assertEquals(refused.code, 1);
  assertStringIncludes(refused.stderr, "refusing to share without redaction");
  assert(!(await Deno.stat(join(repo.dir, ".agents", "sessions")).catch(() => null)));
  const ok = await repo.atrace(["share", "--no-redact", "--yes", SECRET_SESSION]);
  assertEquals(ok.code, 0, ok.stderr);
  assertStringIncludes(ok.stdout, "Not redacted");
  const shared = await readAll(join(repo.dir, ".agents", "sessions"), SECRET_SESSION);
  assertEquals(shared, await readAll(seeded.dir, SECRET_SESSION));
});

Deno.test("share applies atrace.redact rules and atrace.redactAllow exceptions", async () => {
  const { repo } = await sharedRepo();
  await using _ = repo;
  const id = "custom-rules-session";
  const dir = join(repo.dir, ".git", "trace", "sessions");
  const line = {
    type: "user",
    message: { role: "user", content: "ticket ACME-123456 and DB_PASSWORD=hunter2-test" },
  };
  await Deno.writeTextFile(join(dir, `${id}.jsonl`), JSON.stringify(line) + "\n");
  await repo.git(["config", "--add", "atrace.redact", "ACME-[0-9]{6}"]);
  await repo.git(["config", "--add", "atrace.redactAllow", "^hunter2-test$"]);
  const out = await repo.atrace(["share", id]);
  assertEquals(out.code, 0, out.stderr);
  const text = await Deno.readTextFile(join(repo.dir, ".agents", "sessions", `${id}.jsonl`));
  assertStringIncludes(text, "ticket [REDACTED:custom] and DB_PASSWORD=hunter2-test");
  await repo.git(["config", "--add", "atrace.redact", "(broken"]);
  const bad = await repo.atrace(["share", "--dry-run", id]);
  assertEquals(bad.code, 1);
  assertStringIncludes(bad.stderr, "error: invalid regex in atrace.redact: '(broken'");
});

function terminalContext(cwd: string, answer: string, out: string[]): Context {
  const sink = {
    write: (t: string) => Promise.resolve(void out.push(t)),
    close: () => Promise.resolve(),
  };
  return {
    cwd,
    env: () => undefined,
    stdout: sink,
    stderr: sink,
    stdin: new Response(answer).body!,
    stdinIsTerminal: true,
    stdoutIsTerminal: false,
    globals: { pager: false, color: "never" },
    now: () => new Date(),
  };
}

Deno.test("share --no-redact on a terminal asks, and copies only after 'y'", async () => {
  const { repo, seeded } = await sharedRepo();
  await using _ = repo;
  const out: string[] = [];
  let error = "";
  await share.run(["--no-redact", SECRET_SESSION], terminalContext(repo.dir, "n\n", out)).catch(
    (err) => (error = err.message),
  );
  assertStringIncludes(
    out.join(""),
    "WITHOUT redaction? Any secret in it will be committed. [y/N]",
  );
  assertEquals(error, "not shared: sharing without redaction was not confirmed");
  assert(!(await Deno.stat(join(repo.dir, ".agents", "sessions")).catch(() => null)));
  const code = await share.run(
    ["--no-redact", SECRET_SESSION],
    terminalContext(repo.dir, "y\n", out),
  );
  assertEquals(code, 0);
  const shared = await readAll(join(repo.dir, ".agents", "sessions"), SECRET_SESSION);
  assertEquals(shared, await readAll(seeded.dir, SECRET_SESSION));
});
