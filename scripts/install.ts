// deno-lint-ignore-file no-console
/**
 * `deno task install [--prefix DIR] [--bin-dir DIR] [--no-compile]`: installs this checkout as a
 * copy that stands alone, in `<prefix>/share/git-atrace/<version>/` (prefix default ~/.local): the
 * compiled binary where `deno compile` works, else the program bundled into JavaScript (npm packages
 * and the web page included) with a runner that starts it with this Deno, apart from any deno.json,
 * .npmrc, registry or cache. Then points the launchers in `<bin-dir>` (default `<prefix>/bin`) at it
 * and installs the man page. Older copies stay, so whatever still runs them keeps working, until
 * `git atrace uninstall --self` (or `--self --old`).
 */
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import config from "../deno.json" with { type: "json" };
import {
  LAUNCHERS,
  renderCmdLauncher,
  renderCmdRunner,
  renderLauncher,
  renderRunner,
} from "../src/core/launcher.ts";

const project = dirname(dirname(fileURLToPath(import.meta.url)));
const windows = Deno.build.os === "windows";
const { values } = parseArgs({
  args: Deno.args,
  options: {
    prefix: { type: "string" },
    "bin-dir": { type: "string" },
    "no-compile": { type: "boolean" },
  },
});
const home = Deno.env.get("HOME") || Deno.env.get("USERPROFILE") || ".";
const prefix = resolve(values.prefix ?? join(home, ".local"));
const binDir = resolve(values["bin-dir"] ?? join(prefix, "bin"));
const root = join(prefix, "share", "git-atrace");
const copy = join(root, config.version);
const manPage = join(prefix, "share", "man", "man1", "git-atrace.1");
const runner = join(copy, windows ? "git-atrace.cmd" : "git-atrace");

try {
  await install();
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : err}`);
  Deno.exitCode = 1;
}

async function install(): Promise<void> {
  await Deno.mkdir(root, { recursive: true });
  const staging = await Deno.makeTempDir({ dir: root, prefix: `.${config.version}.new-` });
  try {
    const compiled = !values["no-compile"] &&
      await run(["compile", "-A", "--output", join(staging, "git-atrace"), "main.ts"]);
    const target = compiled ? join(copy, windows ? "git-atrace.exe" : "git-atrace") : runner;
    if (!compiled) await bundle(staging);
    await Deno.writeTextFile(
      join(staging, "install.json"),
      JSON.stringify(
        {
          version: config.version,
          kind: compiled ? "binary" : "bundle",
          ...(compiled ? {} : { deno: Deno.execPath() }),
          source: `${project}${await sourceCommit()}`,
          installed: new Date().toISOString(),
          bin: binDir,
          man: manPage,
        },
        null,
        2,
      ) + "\n",
    );
    await swapInto(staging, copy);
    await check(target);
    await Deno.mkdir(binDir, { recursive: true });
    for (const { name, hook } of LAUNCHERS) {
      const text = windows
        ? renderCmdLauncher(config.version, target, hook)
        : renderLauncher(config.version, target, hook);
      await writeExecutable(join(binDir, windows ? `${name}.cmd` : name), text);
    }
    await Deno.mkdir(dirname(manPage), { recursive: true });
    await Deno.copyFile(join(project, "docs", "git-atrace.1"), manPage);
    await report(compiled);
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

/** Runs deno with `args` in the checkout; true when it succeeded. */
async function run(args: string[], quiet = true): Promise<boolean> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: project,
    stdout: quiet ? "null" : "inherit",
    stderr: quiet ? "null" : "inherit",
  }).output();
  return out.success;
}

/** Bundles main.ts into `<dir>/lib` (one chunk per command, loaded lazily) and writes the runner. */
async function bundle(dir: string): Promise<void> {
  const lib = join(dir, "lib");
  const args = ["bundle", "--quiet", "--platform", "deno", "--code-splitting", "--outdir", lib];
  if (!await run([...args, "main.ts"], false)) {
    throw new Error("deno bundle failed (see above); nothing was installed");
  }
  await lazyRequire(lib);
  const spec = { version: config.version, dir: copy, deno: Deno.execPath() };
  await writeExecutable(
    join(dir, windows ? "git-atrace.cmd" : "git-atrace"),
    windows ? renderCmdRunner(spec) : renderRunner(spec),
  );
}

/**
 * The bundle's runtime chunk, which every command imports, creates a CommonJS `require` for the
 * npm packages that need one (only secretlint's) by importing `node:module` up front: that starts
 * Node's module loader, about 20 ms of every run. Create it on first use instead.
 */
async function lazyRequire(lib: string): Promise<void> {
  const eager = 'import { createRequire as __deno_internal_createRequire } from "node:module";\n' +
    "var __require = __deno_internal_createRequire(import.meta.url);";
  const lazy =
    "var __deno_internal_require;\nvar __require = (id) => (__deno_internal_require ??= " +
    'process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);';
  for await (const entry of Deno.readDir(lib)) {
    const path = join(lib, entry.name);
    const text = await Deno.readTextFile(path);
    if (text.includes(eager)) await Deno.writeTextFile(path, text.replace(eager, lazy));
  }
}

/** ` @ <commit>` of the checkout, or nothing outside a git checkout. */
async function sourceCommit(): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["describe", "--always", "--dirty", "--abbrev=12"],
    cwd: project,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  const text = out?.success ? new TextDecoder().decode(out.stdout).trim() : "";
  return text ? ` @ ${text}` : "";
}

/** Puts `staging` at `copy`, replacing an earlier install of the same version. */
async function swapInto(staging: string, copy: string): Promise<void> {
  const old = `${staging}.old`;
  const existed = await Deno.rename(copy, old).then(() => true, () => false);
  await Deno.rename(staging, copy);
  if (existed) await Deno.remove(old, { recursive: true });
}

/** Runs the new copy once: it must answer --version; `help` loads every command (Deno caches their compiled code). */
async function check(target: string): Promise<void> {
  const version = await new Deno.Command(target, { args: ["--version"], stdout: "piped" }).output();
  const line = new TextDecoder().decode(version.stdout);
  if (!version.success || !line.includes(`git-atrace version ${config.version}`)) {
    throw new Error(
      `the installed copy does not run: ${target} --version printed '${line.trim()}'`,
    );
  }
  await new Deno.Command(target, { args: ["help"], stdout: "null", stderr: "null" }).output();
}

/** Writes an executable file atomically (a hook starting meanwhile sees the old or the new one). */
async function writeExecutable(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(temp, text, { mode: 0o755 });
  await Deno.chmod(temp, 0o755).catch(() => {});
  await Deno.rename(temp, path);
}

async function report(compiled: boolean): Promise<void> {
  const others = (await Array.fromAsync(Deno.readDir(root)))
    .filter((e) => e.isDirectory && !e.name.startsWith(".") && e.name !== config.version)
    .map((e) => e.name).sort();
  const names = LAUNCHERS.map((l) => l.name).join(", ");
  console.log(`installed git-atrace ${config.version} into ${copy}`);
  console.log(
    compiled
      ? "  compiled binary"
      : `  bundled, run by ${Deno.execPath()} (deno compile is unavailable here)`,
  );
  console.log(`  ${names} in ${binDir} run it`);
  console.log(`  man page: ${manPage} (git atrace --help opens it)`);
  if (others.length) {
    console.log(
      `  older copies kept: ${others.join(", ")} (git atrace uninstall --self --old removes them)`,
    );
  }
  if (!(Deno.env.get("PATH") ?? "").split(delimiter).includes(binDir)) {
    console.log(`note: ${binDir} is not on your PATH; add it, e.g. export PATH="${binDir}:$PATH"`);
  }
}
