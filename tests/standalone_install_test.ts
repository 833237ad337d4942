/**
 * `deno task install` from a clone gives a copy that stands alone: the clone deleted, no deno.json,
 * .npmrc, registry or Deno cache of the user's, any HOME, it still runs, and its hooks stay silent.
 */
import { dirname, join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { CAPTURES, PROJECT, runCli, runGit, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";
import { renderLauncher } from "../src/core/launcher.ts";
import { VERSION } from "../src/version.ts";

const decoder = new TextDecoder();

async function sh(script: string, env: Record<string, string>, cwd: string, stdin?: string) {
  const child = new Deno.Command("sh", {
    args: ["-c", script],
    env,
    clearEnv: true,
    cwd,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin)).catch(() => {});
    await writer.close().catch(() => {});
  }
  const out = await child.output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A copy of the checkout's sources (as a clone has them, uncommitted work included) under `dir`. */
async function cloneOf(dir: string, version = VERSION): Promise<string> {
  const listed = await runGit(
    ["ls-files", "-z", "-co", "--exclude-standard", "--", "main.ts", "deno.json", "deno.lock"]
      .concat(["src", "hooks", "scripts", "docs/git-atrace.1"]),
    { cwd: PROJECT },
  );
  for (const path of listed.split("\0").filter(Boolean)) {
    const from = join(PROJECT, path);
    if (!(await Deno.stat(from).catch(() => null))?.isFile) continue;
    await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
    await Deno.copyFile(from, join(dir, path));
  }
  const config = JSON.parse(await Deno.readTextFile(join(dir, "deno.json")));
  await Deno.writeTextFile(join(dir, "deno.json"), JSON.stringify({ ...config, version }));
  return dir;
}

/** A GitHub token's shape (not a real one). */
const TOKEN = "ghp_" + "x1Y2z3A4b5C6d7E8f9G0h1I2j3K4l5M6n7O8";

/** The modules other than the bundle's own chunks that `entry` imports before it runs. */
async function staticImports(
  lib: string,
  entry: string,
  seen = new Set<string>(),
): Promise<string[]> {
  const outside = new Set<string>();
  if (seen.has(entry)) return [];
  seen.add(entry);
  const text = await Deno.readTextFile(join(lib, entry));
  for (const [, from] of text.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)";?$/gms)) {
    if (from!.startsWith("./")) {
      (await staticImports(lib, from!.slice(2), seen)).forEach((m) => outside.add(m));
    } else outside.add(from!);
  }
  return [...outside].sort();
}

/** Installs the clone at `clone` into `prefix` (bundled: deno compile cannot run here). */
async function install(repo: TempRepo, clone: string, prefix: string) {
  const out = await sh(
    `"${Deno.execPath()}" run -A --quiet scripts/install.ts --prefix "${prefix}" --no-compile`,
    repo.env,
    clone,
  );
  assertEquals(out.code, 0, out.stderr);
  return out;
}

/** The Claude Code capture's Edit payload and transcript, re-pointed at `repo` and its HOME. */
async function claudeEdit(repo: TempRepo): Promise<string> {
  const here = (text: string) =>
    text.replaceAll("/home/dev/project", repo.dir).replaceAll("/home/dev", repo.home);
  const project = ".claude/projects/-home-dev-project";
  const transcript = "b4a968cb-32f2-4d4b-9910-34091ef207d2.jsonl";
  await Deno.mkdir(join(repo.home, project), { recursive: true });
  await Deno.writeTextFile(
    join(repo.home, project, transcript),
    here(await Deno.readTextFile(join(CAPTURES, "claude-code/home", project, transcript))),
  );
  await repo.commit("initial", { "src/app.py": 'def hello(name):\n    return "Hello, " + name\n' });
  await repo.write("src/app.py", 'def hello(name):\n    return f"Hello, {name}!"\n');
  return here(await Deno.readTextFile(join(CAPTURES, "claude-code/hook-PostToolUse-Edit.json")));
}

Deno.test("deno task install: the copy runs with the clone deleted, whatever HOME, .npmrc or Deno cache", async () => {
  await using repo = await tempRepo();
  const prefix = join(repo.home, "prefix");
  const clone = await cloneOf(join(repo.home, "clone"));
  const installed = await install(repo, clone, prefix);
  const copy = join(prefix, "share", "git-atrace", VERSION);
  assertStringIncludes(installed.stdout, `installed git-atrace ${VERSION} into ${copy}`);
  await Deno.remove(clone, { recursive: true });
  assertEquals(await staticImports(join(copy, "lib"), "main.js"), ["node:path", "node:util"]);

  // Nothing of the user's Deno or npm setup is consulted: no cache, no registry, a broken .npmrc.
  await Deno.writeTextFile(join(repo.home, ".npmrc"), "registry=not a url\n");
  const env = {
    ...repo.env,
    PATH: `${join(prefix, "bin")}:${repo.env.PATH}`,
    DENO_DIR: join(repo.home, "no-deno-cache"),
    NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
  };
  const version = await sh("git atrace --version", env, repo.dir);
  assertEquals([version.code, version.stderr], [0, ""]);
  assertStringIncludes(version.stdout, `git-atrace version ${VERSION}`);

  const payload = await claudeEdit(repo);
  const events = join(repo.dir, ".git/trace/sessions/b4a968cb-32f2-4d4b-9910-34091ef207d2");
  const homes: [string, string][] = [
    ["the user's HOME", `HOME="${repo.home}"`],
    ["HOME=/dev/null", "HOME=/dev/null"],
    ["no HOME", "unset HOME;"],
    ["HOME a file", `HOME="${repo.home}/.npmrc"`],
    ["HOME not writable", "HOME=/proc"],
  ];
  for (const [label, setHome] of homes) {
    for (const hook of ["git-atrace-hook", "git-atrace hook claude-code PostToolUse"]) {
      const out = await sh(`${setHome} ${hook}; echo "rc=$?"`, env, repo.dir, payload);
      assertEquals([out.stdout, out.stderr], ["rc=0\n", ""], `${hook} with ${label}`);
    }
  }
  assertEquals(await Deno.readTextFile(`${events}.files`), "src/app.py\n");
  const stored = await Array.fromAsync(Deno.readDir(dirname(events)));
  const log = stored.find((e) => e.name.startsWith("b4a968cb") && /\.events/.test(e.name))!;
  const lines = (await Deno.readTextFile(join(dirname(events), log.name))).trim().split("\n");
  assertEquals(lines.length, homes.length * 2, "every hook call was recorded");

  const demo = await sh(`git atrace demo "${repo.home}/demo"`, env, repo.home);
  assertEquals([demo.code, demo.stderr], [0, ""]);
  assertStringIncludes(demo.stdout, "Replayed a Claude Code session");
  const why = await sh("git atrace why src/auth.py:15", env, join(repo.home, "demo"));
  assertEquals(why.code, 0, why.stderr);
  assertStringIncludes(why.stdout, "Add rate limiting to login");

  // secretlint, bundled with the CommonJS require it needs, finds a planted token.
  await Deno.writeTextFile(
    `${events}.jsonl`,
    `{"type":"user","message":{"content":"${TOKEN}"}}\n`,
    {
      append: true,
    },
  );
  await repo.git(["config", "atrace.sharedir", ".trace"]);
  const share = await sh("git atrace share b4a968cb --dry-run", env, repo.dir);
  assertEquals(share.code, 0, share.stderr);
  assertStringIncludes(share.stdout, "github-token");

  // The program sees the user's HOME (Deno was given another one, to keep ~/.npmrc out of it).
  const global = await sh("git atrace install --global claude-code", env, repo.dir);
  assertEquals(global.code, 0, global.stderr);
  assert(await Deno.stat(join(repo.home, ".claude", "settings.json")));
  await sh("git atrace install claude-code", env, repo.dir);
  const doctor = await sh("git atrace doctor", env, repo.dir);
  assertStringIncludes(
    doctor.stdout,
    `git-atrace: ${prefix}/bin/git-atrace → git-atrace ${VERSION} from ${copy}\n`,
  );

  // The copy removed behind the launchers' back: hooks stay silent, commands say what happened.
  await Deno.remove(copy, { recursive: true });
  const gone = await sh(`git-atrace-hook; echo "rc=$?"; git atrace hook x y`, env, repo.dir, "{}");
  assertEquals([gone.stdout, gone.stderr], ["rc=0\n", ""]);
  const cli = await sh("git atrace list", env, repo.dir);
  assertEquals(cli.code, 128);
  assertStringIncludes(cli.stderr, `fatal: git-atrace ${VERSION} is no longer at ${copy}/`);
  const diagnosis = await runCli(["doctor"], { cwd: repo.dir, env });
  assertStringIncludes(diagnosis.stdout, "which is gone (hooks do nothing)");
});

Deno.test("deno task install: an upgrade keeps the older copy (git hooks that run it work) until uninstall --self", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  const prefix = join(repo.home, "prefix");
  const root = join(prefix, "share", "git-atrace");
  const env = { ...repo.env, PATH: `${join(prefix, "bin")}:${repo.env.PATH}` };
  await install(repo, await cloneOf(join(repo.home, "old"), "0.0.9"), prefix);
  // Without git-atrace on PATH, the git hooks run the copy that ran init.
  const init = await sh(`"${root}/0.0.9/git-atrace" init`, repo.env, repo.dir);
  assertEquals(init.code, 0, init.stderr);
  const postRewrite = await Deno.readTextFile(join(repo.dir, ".git/hooks/post-rewrite"));
  assertStringIncludes(postRewrite, `'${root}/0.0.9/git-atrace'`);

  const upgrade = await install(repo, await cloneOf(join(repo.home, "new")), prefix);
  assertStringIncludes(upgrade.stdout, "older copies kept: 0.0.9");
  assertStringIncludes((await sh("git atrace --version", env, repo.dir)).stdout, VERSION);
  assertStringIncludes(
    (await sh(`"${root}/0.0.9/git-atrace" --version`, env, repo.dir)).stdout,
    "git-atrace version 0.0.9",
  );
  assertEquals(
    await Deno.readTextFile(join(prefix, "bin", "git-atrace-hook")),
    renderLauncher(VERSION, join(root, VERSION, "git-atrace"), true),
  );

  const old = await sh("git atrace uninstall --self --old", env, repo.dir);
  assertEquals([old.code, old.stdout], [0, `removed git-atrace 0.0.9 (${root}/0.0.9)\n`]);
  assertEquals((await sh("git atrace --version", env, repo.dir)).code, 0);

  const dry = await sh("git atrace uninstall --self --dry-run", env, repo.dir);
  assertStringIncludes(dry.stdout, `would remove git-atrace ${VERSION} (${root}/${VERSION})\n`);
  assert(await Deno.stat(root));
  const all = await sh("git atrace uninstall --self", env, repo.dir);
  assertEquals(all.code, 0, all.stderr);
  assertEquals(all.stdout.split("\n").filter(Boolean), [
    `removed git-atrace ${VERSION} (${root}/${VERSION})`,
    ...["git-atrace", "git-atrace-hook", "git-atrace-commit-hook"].map((n) =>
      `removed ${prefix}/bin/${n}`
    ),
    `removed ${prefix}/share/man/man1/git-atrace.1`,
  ]);
  assertEquals(await Deno.stat(root).catch(() => null), null);
  assertEquals((await Array.fromAsync(Deno.readDir(join(prefix, "bin")))).length, 0);
});

Deno.test("deno task install: the compiled binary where deno compile works, else the bundle, saying why", async () => {
  await using repo = await tempRepo();
  const probe = join(repo.home, "probe.ts");
  await Deno.writeTextFile(probe, "Deno.exit(0);\n");
  const compiles = await sh(
    `"${Deno.execPath()}" compile --quiet --output "${repo.home}/probe" "${probe}"`,
    repo.env,
    repo.home,
  );
  const prefix = join(repo.home, "prefix");
  const clone = await cloneOf(join(repo.home, "clone"));
  const out = await sh(
    `"${Deno.execPath()}" run -A --quiet scripts/install.ts --prefix "${prefix}"`,
    repo.env,
    clone,
  );
  assertEquals(out.code, 0, out.stderr);
  const copy = join(prefix, "share", "git-atrace", VERSION);
  const manifest = JSON.parse(await Deno.readTextFile(join(copy, "install.json")));
  const start = decoder.decode((await Deno.readFile(join(copy, "git-atrace"))).subarray(0, 2));
  if (compiles.code === 0) {
    assertEquals([manifest.kind, start === "#!"], ["binary", false]);
    assertStringIncludes(out.stdout, "compiled binary");
  } else {
    // This machine cannot fetch Deno's runtime for deno compile: the installer says so and bundles.
    assertEquals([manifest.kind, start], ["bundle", "#!"]);
    assertStringIncludes(out.stdout, "(deno compile is unavailable here)");
  }
  const env = { ...repo.env, PATH: `${join(prefix, "bin")}:${repo.env.PATH}` };
  await Deno.remove(clone, { recursive: true });
  assertStringIncludes((await sh("git atrace --version", env, repo.home)).stdout, VERSION);
});
