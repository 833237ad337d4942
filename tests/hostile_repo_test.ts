/**
 * A cloned repository, notes fetched from a remote and every field of a hook payload are hostile:
 * symbolic links out of the store and the share directory, devices and FIFOs, huge and malformed
 * notes, payload paths naming files that are not transcripts.
 */
import { join } from "node:path";
import { requireRepo } from "../src/io/repo.ts";
import { startWebServer, TOKEN_HEADER } from "../src/web/server.ts";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { captureClaudeEdit, CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const SESSIONS = ".git/trace/sessions";

/** A command that must neither hang nor crash: its result, bounded in time by `timeout`. */
async function bounded(repo: TempRepo, args: string[], timeout = 60_000, stdin?: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`'${args.join(" ")}' hung`)), timeout);
  });
  try {
    return await Promise.race([repo.atrace(args, stdin === undefined ? {} : { stdin }), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function meta(dir: string, id: string) {
  await Deno.writeTextFile(
    join(dir, `${id}.json`),
    JSON.stringify({
      id,
      agent: "claude-code",
      startedAt: "2026-10-14T09:00:00.000Z",
      updatedAt: "2026-10-14T09:00:00.000Z",
      counts: { events: 1, prompts: 1, edits: 0, shell: 0 },
    }),
  );
  await Deno.writeTextFile(join(dir, `${id}.timestamp`), "2026-10-14T09:00:00Z\n");
}

Deno.test("hostile repo: a committed .agents/sessions symlink out of the repository is refused; delete touches nothing outside", async () => {
  for (const link of [".agents/sessions", ".agents"]) {
    await using repo = await tempRepo();
    const outside = join(repo.home, "victim");
    const target = link === ".agents" ? join(outside, "..", "victim-agents") : outside;
    const files = link === ".agents" ? join(target, "sessions") : target;
    await Deno.mkdir(files, { recursive: true });
    for (const ext of ["json", "jsonl", "files"]) {
      await Deno.writeTextFile(join(files, `config.${ext}`), "{}\n");
    }
    if (link === ".agents/sessions") await Deno.mkdir(join(repo.dir, ".agents"));
    await Deno.symlink(target, join(repo.dir, link));
    await repo.commit("a clone with a trap");
    const list = await repo.atrace(["list"]);
    assertEquals(list.code, 1, link);
    assertStringIncludes(list.stderr, "is a symbolic link");
    const del = await repo.atrace(["delete", "config"]);
    assertEquals(del.code, 1);
    for (const ext of ["json", "jsonl", "files"]) {
      assert(await Deno.stat(join(files, `config.${ext}`)), `config.${ext} outside was deleted`);
    }
    const doctor = await repo.atrace(["doctor"]);
    assertStringIncludes(doctor.stdout, "is a symbolic link");
  }
});

Deno.test("hostile repo: session files that are symlinks (to /dev/zero, out of the repo) are refused at once by view, show, export --html and share", async () => {
  await using repo = await tempRepo();
  await Deno.mkdir(join(repo.dir, ".agents/sessions"), { recursive: true });
  const shared = join(repo.dir, ".agents/sessions");
  await meta(shared, "zz");
  await Deno.symlink("/dev/zero", join(shared, "zz.jsonl"));
  const secret = join(repo.home, "secret.txt");
  await Deno.writeTextFile(
    secret,
    '{"type":"user","message":{"role":"user","content":"s3cr3t"}}\n',
  );
  await meta(shared, "yy");
  await Deno.symlink(secret, join(shared, "yy.jsonl"));
  await repo.commit("a clone with traps");
  for (const id of ["zz", "yy"]) {
    for (const args of [["view", id], ["export", "--html", id], ["show", id]]) {
      const out = await bounded(repo, args);
      assertNotIncludes(out.stdout, "s3cr3t", args.join(" "));
      if (args[0] !== "show") {
        assertEquals(out.code, 1, args.join(" "));
        assertStringIncludes(out.stderr, "symbolic link");
      }
    }
  }
  const list = await bounded(repo, ["list", "--json"]);
  assertEquals(list.code, 0);
});

Deno.test("hostile repo: a FIFO or a device in the store is refused without blocking", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const store = join(repo.dir, SESSIONS);
  await Deno.mkdir(store, { recursive: true });
  await meta(store, "ff");
  await new Deno.Command("mkfifo", { args: [join(store, "ff.jsonl")] }).output();
  await meta(store, "dv");
  const mknod = await new Deno.Command("mknod", { args: [join(store, "dv.jsonl"), "c", "1", "5"] })
    .output().catch(() => null);
  for (const id of mknod?.success ? ["ff", "dv"] : ["ff"]) {
    const view = await bounded(repo, ["view", id]);
    assertEquals(view.code, 1, id);
    assertStringIncludes(view.stderr, "not a regular file");
    assertEquals((await bounded(repo, ["list"])).code, 0);
  }
});

Deno.test("hostile repo: the web viewer's search and session pages stay bounded on a /dev/zero symlink", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await Deno.mkdir(join(repo.dir, ".agents/sessions"), { recursive: true });
  const shared = join(repo.dir, ".agents/sessions");
  await meta(shared, "zz");
  await Deno.symlink("/dev/zero", join(shared, "zz.jsonl"));
  const server = await startWebServer(await requireRepo(repo.dir), { port: 0, token: "t" });
  try {
    const get = (path: string) =>
      fetch(server.origin + path, { headers: { [TOKEN_HEADER]: "t" } }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    const search = await get("/api/sessions?q=needle");
    assertEquals([search.status, JSON.parse(search.text)], [200, []]);
    const page = await get("/api/session/zz/messages");
    assert(page.status >= 400 && page.status < 600, `status ${page.status}`);
  } finally {
    await server.shutdown();
  }
});

/**
 * Notes on `sha` linking session 'evil' with one range of `file`, its numbers written as given
 * (raw JSON text: a hostile note may spell 1e308 or 2^60, which JSON.stringify would not).
 */
async function rangeNote(repo: TempRepo, sha: string, file: string, start: string, end: string) {
  const record = JSON.stringify({
    version: "0.1.0",
    id: crypto.randomUUID(),
    timestamp: "2026-10-14T09:00:00Z",
    vcs: { type: "git", revision: sha },
    files: [{
      path: file,
      conversations: [{
        url: "atrace://session/evil",
        ranges: [{ start_line: "@S@", end_line: "@E@" }],
      }],
    }],
    metadata: { "dev.git-atrace": { session_id: "evil", agent: "claude-code" } },
  }).replace('"@S@"', start).replace('"@E@"', end);
  await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "add", "-f", "-m", record, sha]);
  await repo.git(["notes", "--ref=refs/notes/atrace", "add", "-f", "-m", "evil", sha]);
}

Deno.test("hostile notes: absurd, reversed and past-the-end ranges make no command spin; doctor reports them", async () => {
  const cases: [string, string][] = [
    ["1", "2000000000"],
    ["1", "1152921504606846976"],
    ["1", "1e308"],
    ["-5", "3"],
    ["1.5", "2"],
    ["3", "1"],
    ["1", "50"],
  ];
  await using repo = await tempRepo();
  const shas: string[] = [];
  for (const [i, [start, end]] of cases.entries()) {
    const sha = await repo.commit(`add f${i}`, { [`f${i}.txt`]: "1\n2\n3\n" });
    await rangeNote(repo, sha, `f${i}.txt`, start, end);
    shas.push(sha);
  }
  for (const args of [["stats"], ["log"], ["blame", "f0.txt"], ["why", "f6.txt:1"]]) {
    const out = await bounded(repo, args, 30_000);
    assert(out.code === 0 || out.code === 1, `${args.join(" ")}: ${out.stderr}`);
  }
  const stats = JSON.parse((await bounded(repo, ["stats", "--json"], 30_000)).stdout);
  assert(stats.attributed <= 21, `${stats.attributed} lines attributed in 21 lines`);
  for (const [i, sha] of shas.entries()) {
    const exported = (await bounded(repo, ["export", sha], 30_000)).stdout;
    assertNotIncludes(exported, `"end_line":${cases[i]![1]}`, cases[i]!.join("-"));
  }
  const doctor = await repo.atrace(["doctor"]);
  assertStringIncludes(doctor.stdout, "7 line ranges in refs/notes/atrace-ranges are invalid");
});

Deno.test("hostile imports: absurd ranges are refused, ranges past the file's end are dropped and said so", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("add", { "a.txt": "1\n2\n3\n" });
  const record = (end: number) =>
    JSON.stringify({
      version: "0.1.0",
      id: crypto.randomUUID(),
      timestamp: "2026-10-14T09:00:00Z",
      vcs: { type: "git", revision: sha },
      files: [{ path: "a.txt", conversations: [{ ranges: [{ start_line: 1, end_line: end }] }] }],
    });
  const huge = await repo.atrace(["import", "-"], { stdin: record(2_000_000_000) + "\n" });
  assertEquals(huge.code, 1);
  assertStringIncludes(huge.stderr, "start_line ≤ end_line");
  const past = await repo.atrace(["import", "-"], { stdin: record(50) + "\n" });
  assertEquals(past.code, 0, past.stderr);
  assertStringIncludes(past.stdout + past.stderr, "past the end of 'a.txt'");
  const stored = await repo.git(["notes", "--ref=refs/notes/atrace-ranges", "show", sha]);
  assertNotIncludes(stored, '"end_line":50');
});

Deno.test("hostile payloads: transcript_path of /etc/shadow, /proc, a device, a FIFO, a symlink, another user's file, non-JSON: nothing copied, logged", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const h = repo.home;
  const fifo = join(h, "t.fifo");
  await new Deno.Command("mkfifo", { args: [fifo] }).output();
  const notJson = join(h, "notes.txt");
  await Deno.writeTextFile(notJson, "root:x:0:0:root:/root:/bin/bash\n");
  const link = join(h, "link.jsonl");
  await Deno.symlink("/etc/passwd", link);
  const foreign = join(h, "foreign.jsonl");
  await Deno.writeTextFile(foreign, '{"type":"user","message":{"role":"user","content":"x"}}\n');
  const chown = Deno.uid() === 0
    ? await new Deno.Command("chown", { args: ["65534:65534", foreign] }).output()
    : null;
  // A device or a FIFO is not even taken for a transcript; the other files are refused and logged.
  const paths: [string, boolean][] = [
    ["/etc/shadow", true],
    ["/proc/self/environ", true],
    ["/dev/zero", false],
    [fifo, false],
    [notJson, true],
    [link, true],
  ];
  if (chown?.success) paths.push([foreign, true]);
  for (const [i, [path, logged]] of paths.entries()) {
    const id = `hostile-${i}`;
    const stdin = JSON.stringify({
      session_id: id,
      cwd: repo.dir,
      transcript_path: path,
      hook_event_name: "UserPromptSubmit",
      prompt: "hello",
    });
    const result = await bounded(repo, ["hook", "claude-code"], 30_000, stdin);
    assertEquals(result, { code: 0, stdout: "", stderr: "" }, path);
    const copy = await Deno.stat(join(repo.dir, SESSIONS, `${id}.jsonl`)).catch(() => null);
    assertEquals(copy, null, `${path} was copied into the store`);
    if (logged) {
      assertStringIncludes(await repo.read(".git/trace/log"), `transcript '${path}' not copied`);
    }
  }
  const share = await repo.atrace(["share", "--dry-run", "hostile-0"]);
  assertNotIncludes(share.stdout, "root:");
});

Deno.test("a 50,000-line transcript whose first line is damaged still shows, and names its session", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const transcript = join(repo.home, "long.jsonl");
  const line = (i: number) =>
    JSON.stringify({
      type: i % 2 ? "assistant" : "user",
      uuid: `u${i}`,
      message: i % 2
        ? { role: "assistant", content: [{ type: "text", text: `answer ${i}` }] }
        : { role: "user", content: i === 0 ? "first prompt of the long session" : `prompt ${i}` },
    });
  const lines = ['{"type":"user","message":{"role":"user","content":"cut sho'];
  for (let i = 0; i < 50_000; i++) lines.push(line(i));
  await Deno.writeTextFile(transcript, lines.join("\n") + "\n");
  const hook = await repo.atrace(["hook", "claude-code"], {
    stdin: JSON.stringify({
      session_id: "long",
      cwd: repo.dir,
      transcript_path: transcript,
      hook_event_name: "Stop",
    }),
  });
  assertEquals(hook.code, 0);
  const view = await repo.atrace(["view", "long"]);
  assertEquals(view.code, 0);
  assertStringIncludes(view.stdout, "first prompt of the long session");
  assertStringIncludes(view.stdout, "answer 49999");
  assertStringIncludes(view.stderr, "skipped 1 malformed line");
  const list = JSON.parse((await repo.atrace(["list", "--json"])).stdout);
  assertEquals(list[0].title, "first prompt of the long session");
});

Deno.test("shared copies carry repo-relative paths, never the sharer's home or transcript location", async () => {
  await using repo = await tempRepo();
  await captureClaudeEdit(repo);
  await Deno.mkdir(join(repo.dir, ".agents"));
  const out = await repo.atrace(["share", CLAUDE_SESSION]);
  assertEquals(out.code, 0, out.stderr);
  const dir = join(repo.dir, ".agents/sessions");
  for (const ext of [".json", ".events", ".jsonl", ".files"]) {
    const text = await Deno.readTextFile(join(dir, CLAUDE_SESSION + ext));
    assertNotIncludes(text, repo.dir, ext);
    assertNotIncludes(text, repo.home, ext);
  }
  const meta = JSON.parse(await Deno.readTextFile(join(dir, `${CLAUDE_SESSION}.json`)));
  assertEquals([meta.cwd, meta.transcriptPath], [".", undefined]);
  const event = JSON.parse(
    (await Deno.readTextFile(join(dir, `${CLAUDE_SESSION}.events`))).split("\n")[0]!,
  );
  assertEquals([event.cwd, event.transcriptPath, event.edits[0].path], [
    ".",
    undefined,
    "src/auth.py",
  ]);
  const html = (await repo.atrace(["export", "--html", CLAUDE_SESSION])).stdout;
  assertNotIncludes(html, repo.home);
  // The private copy keeps them.
  const local = JSON.parse(await repo.read(`${SESSIONS}/${CLAUDE_SESSION}.json`));
  assertEquals(local.cwd, repo.dir);
});
