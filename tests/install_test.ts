/** `install` and `uninstall` on empty, existing and malformed configs; the shipped hooks/ configs; the
 * installed Cline script and OpenCode plugin driving the real binary. */
import { join } from "node:path";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { fixture } from "./helpers/fixtures.ts";
import { PROJECT, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

const ALL = ["claude", "gemini", "codex", "cursor", "copilot", "cline", "opencode"];

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function json(repo: TempRepo, path: string) {
  return JSON.parse(await repo.read(path));
}

/** A `git-atrace` on PATH that runs this checkout's main.ts. */
async function fakeBinary(repo: TempRepo): Promise<string> {
  const bin = join(repo.home, "bin");
  await Deno.mkdir(bin, { recursive: true });
  const script = `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet --config="${
    join(PROJECT, "deno.json")
  }" "${join(PROJECT, "main.ts")}" "$@"\n`;
  await Deno.writeTextFile(join(bin, "git-atrace"), script);
  await Deno.chmod(join(bin, "git-atrace"), 0o755);
  return bin;
}

Deno.test("install: every agent into an empty repository, idempotent, listed as set up", async () => {
  await using repo = await tempRepo();
  const first = await repo.atrace(["install", ...ALL]);
  assertEquals(first.code, 0, first.stderr);
  for (
    const path of [
      ".claude/settings.json",
      ".gemini/settings.json",
      ".codex/hooks.json",
      ".cursor/hooks.json",
      ".github/hooks/git-atrace.json",
      ".clinerules/hooks/PostToolUse",
      ".opencode/plugins/git-atrace.ts",
    ]
  ) {
    assertStringIncludes(first.stdout, `wrote ${path}`);
  }
  assertStringIncludes(first.stdout, "codex: next: review and trust the new hooks");
  const claude = await json(repo, ".claude/settings.json");
  assertEquals(claude.hooks.PostToolUse, [{
    matcher: "Edit|Write|MultiEdit|NotebookEdit|Bash|PowerShell",
    hooks: [{ type: "command", command: "git-atrace hook claude-code PostToolUse" }],
  }]);
  const gemini = await json(repo, ".gemini/settings.json");
  assertEquals(gemini.hooks.AfterTool[0].matcher, "write_file|replace|run_shell_command");
  assertEquals(gemini.hooks.AfterTool[0].hooks[0].timeout, 10000);
  const cursor = await json(repo, ".cursor/hooks.json");
  assertEquals(cursor.version, 1);
  assertEquals(cursor.hooks.afterShellExecution, [{
    command: "git-atrace hook cursor afterShellExecution",
    timeout: 30,
  }]);
  const copilot = await json(repo, ".github/hooks/git-atrace.json");
  assertEquals(copilot.hooks.postToolUse[0].bash, "git-atrace hook copilot-cli postToolUse");
  const mode = (await Deno.stat(join(repo.dir, ".clinerules/hooks/PostToolUse"))).mode!;
  assertEquals(mode & 0o111, 0o111);

  const again = await repo.atrace(["install", ...ALL]);
  assertEquals(again.code, 0);
  assertNotIncludes(again.stdout, "wrote");
  assertStringIncludes(again.stdout, "claude-code: already set up in .claude/settings.json");
  assertEquals(await exists(join(repo.dir, ".claude/settings.json.bak")), false);

  const list = await repo.atrace(["install"]);
  assertStringIncludes(list.stdout, "claude-code  Claude Code  installed: .claude/settings.json");
  assertStringIncludes(list.stdout, "installed: .opencode/plugins/git-atrace.ts");

  const removed = await repo.atrace(["uninstall", ...ALL]);
  assertEquals(removed.code, 0, removed.stderr);
  assertStringIncludes(removed.stdout, "claude-code: removed .claude/settings.json");
  for (
    const path of [".claude/settings.json", ".cursor/hooks.json", ".clinerules/hooks/TaskStart"]
  ) {
    assertEquals(await exists(join(repo.dir, path)), false, path);
    assertEquals(await exists(join(repo.dir, `${path}.bak`)), false, `${path}.bak`);
  }
  assertStringIncludes((await repo.atrace(["install"])).stdout, "claude-code  Claude Code  -");
});

Deno.test("install: a config the agent rewrote with other key order is still set up", async () => {
  await using repo = await tempRepo();
  await repo.atrace(["install", "gemini"]);
  const reorder = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reorder)
      : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]))
      : value;
  const text = JSON.stringify(reorder(await json(repo, ".gemini/settings.json")));
  await repo.write(".gemini/settings.json", text);
  const again = await repo.atrace(["install", "gemini"]);
  assertStringIncludes(again.stdout, "gemini-cli: already set up in .gemini/settings.json");
  assertEquals(await repo.read(".gemini/settings.json"), text);
  assertStringIncludes((await repo.atrace(["install"])).stdout, "installed: .gemini/settings.json");
});

Deno.test("install: keeps the user's hooks and settings, backs up, uninstall restores", async () => {
  await using repo = await tempRepo();
  const original = {
    model: "opus",
    permissions: { allow: ["Bash(npm test)"] },
    hooks: {
      PostToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./lint.sh" }] }],
      Stop: [{ hooks: [{ type: "command", command: "say done" }] }],
    },
  };
  const text = JSON.stringify(original, null, 4);
  await repo.write(".claude/settings.json", text);
  await repo.write(".cursor/hooks.json", '{"version":1,"hooks":{"stop":[{"command":"./x"}]}}');

  const dry = await repo.atrace(["install", "claude-code", "cursor", "--dry-run"]);
  assertEquals(dry.code, 0);
  assertStringIncludes(dry.stdout, "claude-code: would write .claude/settings.json");
  assertStringIncludes(dry.stdout, "git-atrace hook claude-code Stop");
  assertEquals(await repo.read(".claude/settings.json"), text);

  const out = await repo.atrace(["install", "claude-code", "cursor"]);
  assertStringIncludes(
    out.stdout,
    "claude-code: wrote .claude/settings.json (backup: .claude/settings.json.bak)",
  );
  assertEquals(await repo.read(".claude/settings.json.bak"), text);
  const merged = await json(repo, ".claude/settings.json");
  assertEquals(merged.model, "opus");
  assertEquals(merged.permissions, original.permissions);
  assertEquals(merged.hooks.PostToolUse[0], original.hooks.PostToolUse[0]);
  assertEquals(merged.hooks.Stop.length, 2);
  const cursor = await json(repo, ".cursor/hooks.json");
  assertEquals(cursor.hooks.stop[0], { command: "./x" });
  assertEquals(cursor.hooks.stop.length, 2);

  const un = await repo.atrace(["uninstall", "claude", "cursor"]);
  assertEquals(un.code, 0, un.stderr);
  assertStringIncludes(un.stdout, "claude-code: removed its hooks from .claude/settings.json");
  assertEquals(await json(repo, ".claude/settings.json"), original);
  assertEquals(await json(repo, ".cursor/hooks.json"), {
    version: 1,
    hooks: { stop: [{ command: "./x" }] },
  });
  assertStringIncludes((await repo.atrace(["uninstall", "codex"])).stdout, "codex: not set up");
});

Deno.test("install: malformed configs and foreign hook scripts are reported and left untouched", async () => {
  await using repo = await tempRepo();
  await repo.write(".gemini/settings.json", '{"hooks": {');
  await repo.write(".codex/hooks.json", '{"hooks": []}');
  await repo.write(".clinerules/hooks/PostToolUse", "#!/bin/sh\necho mine\n");
  const out = await repo.atrace(["install", "gemini", "codex", "cline", "cursor"]);
  assertEquals(out.code, 1);
  assertStringIncludes(out.stderr, "error: gemini-cli: '.gemini/settings.json' is malformed");
  assertStringIncludes(out.stderr, "error: codex: '.codex/hooks.json' is malformed");
  assertStringIncludes(out.stderr, "error: cline: '.clinerules/hooks/PostToolUse' is an existing");
  assertStringIncludes(out.stdout, "cursor: wrote .cursor/hooks.json");
  assertEquals(await repo.read(".gemini/settings.json"), '{"hooks": {');
  assertEquals(await repo.read(".codex/hooks.json"), '{"hooks": []}');
  assertEquals(await repo.read(".clinerules/hooks/PostToolUse"), "#!/bin/sh\necho mine\n");
  assertEquals(await exists(join(repo.dir, ".gemini/settings.json.bak")), false);
  const un = await repo.atrace(["uninstall", "gemini"]);
  assertEquals(un.code, 1);
  assertEquals(await repo.read(".gemini/settings.json"), '{"hooks": {');
  const bad = await repo.atrace(["install", "aider"]);
  assertEquals(bad.code, 129);
  assertStringIncludes(bad.stderr, "unknown agent 'aider'");
  const copilot = await repo.atrace(["install", "copilot", "--global"]);
  assertEquals(copilot.code, 1);
  assertStringIncludes(copilot.stderr, "copilot-cli has no user-level hook config");
});

Deno.test("install --global writes the user's configs, outside any repository", async () => {
  await using repo = await tempRepo();
  const out = await repo.atrace(["install", "claude", "codex", "opencode", "--global"], {
    cwd: repo.home,
  });
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "claude-code: wrote ~/.claude/settings.json");
  assertStringIncludes(out.stdout, "opencode: wrote ~/.config/opencode/plugins/git-atrace.ts");
  assert(await exists(join(repo.home, ".codex/hooks.json")));
  const inRepo = await repo.atrace(["install"]);
  assertStringIncludes(inRepo.stdout, "installed: ~/.claude/settings.json");
  const project = await repo.atrace(["install", "claude"], { cwd: repo.home });
  assertEquals(project.code, 128);
  assertStringIncludes(project.stderr, "use --global");
});

Deno.test("shipped hooks/ configs are what install writes into an empty project", async () => {
  await using repo = await tempRepo();
  await repo.atrace(["install", "gemini", "codex", "cursor", "copilot", "cline", "opencode"]);
  const pairs: [string, string][] = [
    ["hooks/gemini-cli/hooks/hooks.json", ".gemini/settings.json"],
    ["hooks/codex/hooks.json", ".codex/hooks.json"],
    ["hooks/cursor/hooks.json", ".cursor/hooks.json"],
    ["hooks/copilot-cli/git-atrace.json", ".github/hooks/git-atrace.json"],
    ["hooks/cline/PostToolUse", ".clinerules/hooks/PostToolUse"],
    ["hooks/opencode/git-atrace.ts", ".opencode/plugins/git-atrace.ts"],
  ];
  for (const [shipped, installed] of pairs) {
    assertEquals(await repo.read(installed), await Deno.readTextFile(join(PROJECT, shipped)));
  }
  const extension = JSON.parse(
    await Deno.readTextFile(join(PROJECT, "hooks/gemini-cli/gemini-extension.json")),
  );
  assertEquals(extension.name, "git-atrace");
});

Deno.test("the installed Cline script captures through git-atrace and always answers cancel:false", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  await repo.atrace(["install", "cline"]);
  const script = join(repo.dir, ".clinerules/hooks/UserPromptSubmit");
  const payload = await fixture(repo, "cline", "hook-UserPromptSubmit.json");
  const run = async (path: string) => {
    const child = new Deno.Command("sh", {
      args: [script],
      cwd: repo.dir,
      env: { ...repo.env, PATH: path },
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(payload));
    await writer.close();
    const out = await child.output();
    return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
  };
  assertEquals(await run("/usr/bin:/bin"), { code: 0, stdout: '{"cancel":false}\n' });
  const bin = await fakeBinary(repo);
  assertEquals(await run(`${bin}:/usr/bin:/bin`), { code: 0, stdout: '{"cancel":false}\n' });
  const list = await repo.atrace(["list"]);
  assertStringIncludes(list.stdout, "cline");
});

Deno.test("the OpenCode plugin sends v1 and v2 tool calls to git-atrace", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  const bin = await fakeBinary(repo);
  Deno.env.set("GIT_ATRACE_BIN", join(bin, "git-atrace"));
  try {
    const { default: plugin } = await import("../hooks/opencode/git-atrace.ts");
    const v1 = JSON.parse(
      await fixture(repo, "opencode", "plugin-v1-tool.execute.after-edit.json"),
    );
    const hooks = await plugin({ directory: repo.dir });
    await hooks["tool.execute.after"](v1.input, v1.output);
    let v2Hook: ((e: Record<string, unknown>) => void) | undefined;
    plugin.setup({
      directory: repo.dir,
      tool: { hook: (_: string, fn: typeof v2Hook) => v2Hook = fn },
    });
    const v2 = JSON.parse(await fixture(repo, "opencode", "plugin-v2-execute.after-edit.json"));
    v2Hook!({ ...v2, sessionID: "ses_1a9f3c7d2e4bV2" });
    const dir = join(repo.dir, ".git/trace/sessions");
    for (const id of ["ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX", "ses_1a9f3c7d2e4bV2"]) {
      for (let i = 0; i < 100 && !(await exists(join(dir, `${id}.json`))); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const meta = JSON.parse(await Deno.readTextFile(join(dir, `${id}.json`)));
      assertEquals([meta.agent, meta.counts.edits], ["opencode", 1]);
    }
    assertStringIncludes(
      await Deno.readTextFile(join(dir, "ses_1a9f3c7d2e4bV2.files")),
      "src/auth.py",
    );
  } finally {
    Deno.env.delete("GIT_ATRACE_BIN");
  }
});

/** Just enough of a hooks config to pick a handler's command. */
// deno-fmt-ignore
type Hooks = { hooks: Record<string, { command: string; bash: string; hooks: { command: string }[] }[]> };

Deno.test("the installed hook commands capture each agent's payloads", async () => {
  await using repo = await tempRepo({ name: "acme-api" });
  await repo.atrace(["install", "claude", "gemini", "codex", "cursor", "copilot"]);
  const bin = await fakeBinary(repo);
  const cases: [string, string, (doc: Hooks) => string, string, string][] = [
    [
      "claude-code",
      ".claude/settings.json",
      (d) => d.hooks.PostToolUse![0]!.hooks[0]!.command,
      "hook-PostToolUse-Edit.json",
      "",
    ],
    [
      "gemini-cli",
      ".gemini/settings.json",
      (d) => d.hooks.AfterTool![0]!.hooks[0]!.command,
      "hook-AfterTool-replace.json",
      "{}\n",
    ],
    [
      "codex",
      ".codex/hooks.json",
      (d) => d.hooks.PostToolUse![0]!.hooks[0]!.command,
      "hook-PostToolUse-apply_patch.json",
      "",
    ],
    [
      "cursor",
      ".cursor/hooks.json",
      (d) => d.hooks.afterFileEdit![0]!.command,
      "hook-afterFileEdit.json",
      "{}\n",
    ],
    [
      "copilot-cli",
      ".github/hooks/git-atrace.json",
      (d) => d.hooks.postToolUse![0]!.bash,
      "hook-postToolUse-edit.json",
      "",
    ],
  ];
  for (const [agent, config, pick, file, output] of cases) {
    const command = pick(await json(repo, config));
    const child = new Deno.Command("sh", {
      args: ["-c", command],
      cwd: repo.dir,
      env: { ...repo.env, PATH: `${bin}:/usr/bin:/bin` },
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(await fixture(repo, agent, file)));
    await writer.close();
    const out = await child.output();
    assertEquals([out.code, new TextDecoder().decode(out.stdout)], [0, output], agent);
  }
  const sessions = JSON.parse((await repo.atrace(["list", "--json"])).stdout);
  assertEquals(
    sessions.map((s: { agent: string }) => s.agent).sort(),
    ["claude-code", "codex", "copilot-cli", "cursor", "gemini-cli"],
  );
});
