import { join } from "node:path";
import { requireRepo } from "../src/io/repo.ts";
import { startWebServer, TOKEN_HEADER } from "../src/web/server.ts";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import {
  AUTH_CALL,
  BIG_CALL,
  BIG_SESSION,
  HOSTILE_SESSION,
  serve,
  webRepo,
} from "./helpers/browser.ts";
import { CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { PROJECT } from "./helpers/temp_repo.ts";

const auth = { [TOKEN_HEADER]: "t0ken" };

async function get(url: string, headers: Record<string, string> = auth) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

Deno.test("web api: security headers, token, Host and Origin checks", async () => {
  await using repo = await webRepo();
  const server = await serve(repo);
  try {
    const page = await get(server.origin + "/?token=t0ken", {});
    assertEquals(page.status, 200);
    const csp = page.headers.get("content-security-policy") ?? "";
    assertMatch(csp, /default-src 'none'/);
    assertMatch(csp, /script-src 'self'(;|$)/);
    assertEquals(page.headers.get("x-content-type-options"), "nosniff");
    assertEquals(page.headers.get("referrer-policy"), "no-referrer");
    assertStringIncludes(page.text, `<script type="module" src="/page.js"></script>`);
    assert(!/<script>/.test(page.text), "no inline script in the page");
    assertEquals((await get(server.origin + "/page.js", {})).status, 200);

    const api = server.origin + "/api/sessions";
    assertEquals((await get(api, {})).status, 401);
    assertEquals((await get(api, { [TOKEN_HEADER]: "t0kem" })).status, 401);
    assertEquals((await get(api)).status, 200);
    for (const host of ["evil.example:80", `evil.example:${server.port}`, "127.0.0.1:1"]) {
      const res = await rawGet(server.port, "/api/sessions", host);
      assertEquals(res.split(" ")[1], "403", `Host ${host}`);
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`]) {
      assertEquals((await rawGet(server.port, "/api/sessions", host)).split(" ")[1], "200");
    }
    const cross = await get(api, { ...auth, origin: "http://evil.example" });
    assertEquals(cross.status, 403);
    assertEquals((await get(server.origin + "/api/nothing")).status, 404);
  } finally {
    await server.shutdown();
  }
});

/** A GET with a chosen Host header (fetch does not allow setting Host). */
async function rawGet(port: number, path: string, host: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const request = `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${TOKEN_HEADER}: t0ken\r\n` +
    `Connection: close\r\n\r\n`;
  await conn.write(new TextEncoder().encode(request));
  return await new Response(conn.readable).text();
}

Deno.test("web api: sessions, search, one session, paging, commits and files", async () => {
  await using repo = await webRepo();
  const server = await serve(repo);
  try {
    const rows = (await get(server.origin + "/api/sessions")).json();
    assertEquals(
      rows.map((r: { id: string }) => r.id).sort(),
      [
        CLAUDE_SESSION,
        BIG_SESSION,
        HOSTILE_SESSION,
      ].sort(),
    );
    const claude = rows.find((r: { id: string }) => r.id === CLAUDE_SESSION);
    assertEquals([claude.location, claude.files, claude.commits], ["local", ["src/auth.py"], 1]);

    const search = async (q: string) =>
      (await get(`${server.origin}/api/sessions?q=${encodeURIComponent(q)}`)).json()
        .map((r: { id: string }) => r.id);
    assertEquals(await search("compare_digest"), [CLAUDE_SESSION]);
    assertEquals(await search("answer number 4999"), [BIG_SESSION]);
    assertEquals(await search("no such text anywhere"), []);

    const info = (await get(`${server.origin}/api/session/${CLAUDE_SESSION.slice(0, 8)}`)).json();
    assertEquals(info.id, CLAUDE_SESSION);
    assertEquals(info.files, ["src/auth.py"]);
    assertEquals(info.commits.map((c: { subject: string }) => c.subject), [
      "fix(auth): use constant-time token comparison",
    ]);

    const base = `${server.origin}/api/session/${BIG_SESSION}/messages`;
    const page = (await get(`${base}?offset=200&limit=50`)).json();
    assertEquals([page.total, page.offset, page.messages.length], [10000, 200, 50]);
    assertEquals([page.messages[0].index, page.messages[0].text], [200, "prompt number 100"]);
    const jump = (await get(`${base}?call=${BIG_CALL}&limit=200`)).json();
    assertEquals([jump.index, jump.offset], [5001, 5000]);
    assertEquals(jump.messages[1].callId, BIG_CALL);

    const commits = (await get(server.origin + "/api/commits")).json();
    assertEquals(commits.map((c: { subject: string }) => c.subject), [
      "add the big file",
      "fix(auth): use constant-time token comparison",
    ]);
    assertEquals(commits[1].sessions, [CLAUDE_SESSION]);
    const all = (await get(server.origin + "/api/commits?all=1")).json();
    assertEquals(all.length, 3);
    assertEquals((await get(server.origin + "/api/files")).json(), ["src/auth.py", "src/big.txt"]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("web api: file blame names the session and prompt of each line", async () => {
  await using repo = await webRepo();
  const server = await serve(repo);
  try {
    const view = (await get(`${server.origin}/api/file?path=src/auth.py`)).json();
    assertEquals(view.lines.length, 10);
    assertEquals(view.lines[7].content, "    if hmac.compare_digest(token, stored_token):");
    const session = view.lines[7].sessions[0];
    assertEquals(session?.id, CLAUDE_SESSION);
    assert(session.toolCallIds?.includes(AUTH_CALL), JSON.stringify(session));
    assertEquals(
      view.sessions[CLAUDE_SESSION].calls[AUTH_CALL].prompt.slice(0, 25),
      "verify_token compares sec",
    );
    assertEquals(view.lines[0].sessions, []);
  } finally {
    await server.shutdown();
  }
});

Deno.test("web api: paths and ids cannot leave the repository or the store", async () => {
  await using repo = await webRepo();
  await Deno.symlink("/etc/passwd", join(repo.dir, "src/leak.txt"));
  const server = await serve(repo);
  try {
    for (
      const path of [
        "../../../../etc/passwd",
        "/etc/passwd",
        "src/../../outside",
        ".git/config",
        "src/leak.txt",
        "a\\..\\..\\x",
        "",
      ]
    ) {
      const res = await get(`${server.origin}/api/file?path=${encodeURIComponent(path)}`);
      assertEquals(res.status, 400, `path ${JSON.stringify(path)}`);
    }
    assertEquals((await get(`${server.origin}/api/file?path=nope.txt`)).status, 404);
    for (const id of ["..%2F..%2Fconfig", "%2e%2e", ".hidden", "x%00y", "a%2Fb"]) {
      assertEquals((await get(`${server.origin}/api/session/${id}`)).status, 404, id);
    }
    assertEquals((await get(`${server.origin}/api/session/../../config`)).status, 404);
  } finally {
    await server.shutdown();
  }
});

Deno.test("web api: --no-token serves the API without a token", async () => {
  await using repo = await webRepo();
  const server = await serve(repo, null);
  try {
    assertEquals(server.url, `${server.origin}/#/sessions`);
    assertEquals((await get(server.origin + "/api/sessions", {})).status, 200);
    assertEquals((await rawGet(server.port, "/api/sessions", "evil.example")).split(" ")[1], "403");
  } finally {
    await server.shutdown();
  }
});

Deno.test("web: the command prints the URL, --open hands it to xdg-open, Ctrl-C exits 0", async () => {
  await using repo = await webRepo();
  const bin = join(repo.home, "bin");
  await Deno.mkdir(bin);
  for (const opener of ["xdg-open", "open"]) {
    await Deno.writeTextFile(join(bin, opener), `#!/bin/sh\necho "$1" > "${repo.home}/opened"\n`);
    await Deno.chmod(join(bin, opener), 0o755);
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--quiet",
      `--config=${join(PROJECT, "deno.json")}`,
      join(PROJECT, "main.ts"),
      "web",
      "--port",
      "0",
      "--open",
    ],
    cwd: repo.dir,
    env: { ...repo.env, PATH: `${bin}:${repo.env.PATH}` },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  try {
    while (!/http:\/\/\S+\n/.test(out)) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{32})#\/sessions/.exec(out);
    assert(url, out);
    const origin = `http://127.0.0.1:${url[1]}`;
    assertEquals((await get(origin + "/api/sessions", {})).status, 401);
    assertEquals((await get(origin + "/api/sessions", { [TOKEN_HEADER]: url[2]! })).status, 200);
    const opened = join(repo.home, "opened");
    for (let i = 0; i < 50 && !(await Deno.stat(opened).catch(() => null)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assertEquals(await Deno.readTextFile(opened), url[0] + "\n");
  } finally {
    child.kill("SIGINT");
    const rest = await reader.read().then(async function drain(r): Promise<string> {
      return r.done ? "" : (r.value ?? "") + await reader.read().then(drain);
    });
    const status = await child.status;
    const stderr = await new Response(child.stderr).text();
    assertEquals(status.code, 0, stderr + rest);
    assertStringIncludes(stderr, "press Ctrl-C to stop");
  }
});

Deno.test("web api: shared sessions carry their location; a busy port or a bad --port is an error", async () => {
  await using repo = await webRepo();
  const shared = join(repo.dir, ".agents/sessions");
  await Deno.mkdir(shared, { recursive: true });
  const line = { type: "user", message: { role: "user", content: "a teammate's prompt" } };
  await Deno.writeTextFile(join(shared, "5ea7ed00-teammate.jsonl"), JSON.stringify(line) + "\n");
  await Deno.writeTextFile(join(shared, `${HOSTILE_SESSION}.jsonl`), "");
  const server = await serve(repo);
  try {
    const rows = (await get(server.origin + "/api/sessions")).json();
    const where = (id: string) => {
      const row = rows.find((r: { id: string }) => r.id === id);
      return [row.location, row.shared];
    };
    assertEquals(where("5ea7ed00-teammate"), ["shared", true]);
    assertEquals(where(HOSTILE_SESSION), ["local", true]);
    assertEquals(where(CLAUDE_SESSION), ["local", false]);
    const page = (await get(`${server.origin}/api/session/5ea7ed00/messages`)).json();
    assertEquals(page.messages.map((m: { text: string }) => m.text), ["a teammate's prompt"]);
    const again = startWebServer(await requireRepo(repo.dir), { port: server.port, token: null });
    const busy = await again.then(async (s) => {
      await s.shutdown();
      return "listening";
    }, (err) => String(err));
    assertMatch(busy, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${server.port}`));
  } finally {
    await server.shutdown();
  }
  const bad = await repo.atrace(["web", "--port", "http"]);
  assertEquals(bad.code, 129);
  assertStringIncludes(bad.stderr, "invalid port 'http'");
});
