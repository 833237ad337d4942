// deno-lint-ignore-file no-console
/**
 * `deno task install [--bin-dir DIR] [--launcher]`: puts git-atrace, git-atrace-hook and
 * git-atrace-commit-hook on PATH (default ~/.local/bin). Uses a compiled binary where
 * `deno compile` works, else a launcher that runs this checkout's main.ts with the installed deno.
 */
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const project = dirname(dirname(fileURLToPath(import.meta.url)));
const windows = Deno.build.os === "windows";
const { values } = parseArgs({
  args: Deno.args,
  options: { "bin-dir": { type: "string" }, launcher: { type: "boolean" } },
});
const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE") ?? ".";
const binDir = resolve(
  values["bin-dir"] ?? Deno.env.get("GIT_ATRACE_BIN_DIR") ?? join(home, ".local", "bin"),
);
await Deno.mkdir(binDir, { recursive: true });

const exe = join(binDir, windows ? "git-atrace.exe" : "git-atrace");
const compiled = !values.launcher && await compile(exe);
if (!compiled) await writeLauncher(join(binDir, "git-atrace"), []);
for (const name of ["git-atrace-hook", "git-atrace-commit-hook"]) {
  await writeLauncher(join(binDir, name), ["hook"], compiled ? exe : undefined);
}

const manDir = join(dirname(binDir), "share", "man", "man1");
await Deno.mkdir(manDir, { recursive: true });
await Deno.copyFile(join(project, "docs", "git-atrace.1"), join(manDir, "git-atrace.1"));

console.log(`installed git-atrace, git-atrace-hook and git-atrace-commit-hook to ${binDir}`);
console.log(`  man page: ${join(manDir, "git-atrace.1")} (git atrace --help opens it)`);
console.log(
  compiled
    ? "  (compiled binary)"
    : `  (launchers running ${
      join(project, "main.ts")
    } with ${Deno.execPath()}: deno compile is unavailable here)`,
);
if (!(Deno.env.get("PATH") ?? "").split(delimiter).includes(binDir)) {
  console.log(`note: ${binDir} is not on your PATH; add it, e.g. export PATH="${binDir}:$PATH"`);
}

async function compile(output: string): Promise<boolean> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "compile",
      "-A",
      `--config=${join(project, "deno.json")}`,
      "--output",
      output,
      join(project, "main.ts"),
    ],
    stdout: "null",
    stderr: "null",
  }).output();
  return result.success;
}

/** Writes a small script that runs git-atrace (the binary, or main.ts with deno) with `args` first. */
async function writeLauncher(path: string, args: string[], binary?: string): Promise<void> {
  const target = binary ? [binary] : [
    Deno.execPath(),
    "run",
    "-A",
    "--quiet",
    `--config=${join(project, "deno.json")}`,
    join(project, "main.ts"),
  ];
  const command = [...target, ...args];
  if (windows) {
    const line = command.map((part) => `"${part}"`).join(" ");
    await Deno.writeTextFile(`${path}.cmd`, `@echo off\r\n${line} %*\r\n`);
    return;
  }
  const quoted = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(" ");
  await Deno.writeTextFile(path, `#!/bin/sh\nexec ${quoted} "$@"\n`);
  await Deno.chmod(path, 0o755);
}
