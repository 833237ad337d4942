/**
 * The README's two commands install only what is missing: .ci/run and scripts/deno.sh, run with
 * stand-ins for deno, npm, apt-get and sudo that record their calls (nothing is installed for real).
 */
import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { PROJECT } from "./helpers/temp_repo.ts";

/** A sandbox: a bin dir with the few real tools the scripts use, and recording stand-ins. */
async function sandbox() {
  const base = await Deno.makeTempDir({ prefix: "atrace-ci-" });
  const bin = join(base, "bin");
  const home = join(base, "home");
  await Deno.mkdir(bin);
  await Deno.mkdir(home);
  for (const tool of ["sh", "bash", "dirname", "id", "head", "grep", "cat", "mkdir", "chmod"]) {
    let path: string | undefined;
    for (const dir of ["/usr/bin", "/bin"]) {
      if (!path && (await Deno.stat(join(dir, tool)).catch(() => null))?.isFile) {
        path = join(dir, tool);
      }
    }
    if (path) await Deno.symlink(path, join(bin, tool));
  }
  const calls = join(base, "calls");
  const record = (name: string, extra = "") =>
    Deno.writeTextFile(
      join(bin, name),
      `#!/bin/sh\necho "${name} $*" >> "${calls}"\n${extra}`,
      { mode: 0o755 },
    );
  /** A deno that reports `version`, at `path`. */
  const fakeDeno = (path: string, version: string) =>
    Deno.writeTextFile(
      path,
      `#!/bin/sh\n[ "$1" = --version ] && { echo "deno ${version} (stable, release, x)"; exit 0; }\n` +
        `echo "deno $*" >> "${calls}"\n`,
      { mode: 0o755 },
    );
  const run = async (command: string, env: Record<string, string> = {}) => {
    const out = await new Deno.Command("/bin/sh", {
      args: ["-c", command],
      cwd: PROJECT,
      clearEnv: true,
      env: { PATH: bin, HOME: home, CHROMIUM: join(base, "no-chromium"), ...env },
    }).output();
    const text = await Deno.readTextFile(calls).catch(() => "");
    await Deno.remove(calls).catch(() => {});
    const decoder = new TextDecoder();
    return {
      code: out.code,
      stdout: decoder.decode(out.stdout),
      stderr: decoder.decode(out.stderr),
      calls: text.split("\n").filter(Boolean),
    };
  };
  return {
    base,
    bin,
    home,
    record,
    fakeDeno,
    run,
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

Deno.test("scripts/deno.sh: a Deno 2.9.6 on PATH is used, never reinstalled", async () => {
  await using box = await sandbox();
  await box.fakeDeno(join(box.bin, "deno"), "2.9.6");
  await box.record("npm");
  const out = await box.run("sh scripts/deno.sh");
  assertEquals([out.code, out.stdout, out.calls], [0, `${box.bin}/deno\n`, []]);
});

Deno.test("scripts/deno.sh: another Deno version: 2.9.6 goes into ~/.local with npm, once", async () => {
  await using box = await sandbox();
  await box.fakeDeno(join(box.bin, "deno"), "2.5.0");
  const local = join(box.home, ".local", "bin");
  await box.record(
    "npm",
    `mkdir -p "${local}"\nprintf '#!/bin/sh\\necho "deno 2.9.6 (stable)"\\n' > "${local}/deno"\n` +
      `chmod +x "${local}/deno"\n`,
  );
  const first = await box.run("sh scripts/deno.sh");
  assertEquals(first.code, 0, first.stderr);
  assertEquals(first.stdout, `${local}/deno\n`);
  assertEquals(first.calls, [
    `npm install --global --prefix ${box.home}/.local --no-fund --no-audit --no-update-notifier --loglevel=error deno@2.9.6`,
  ]);
  assertStringIncludes(first.stderr, "Installing Deno 2.9.6 with npm");
  const again = await box.run("sh scripts/deno.sh");
  assertEquals([again.stdout, again.calls], [`${local}/deno\n`, []]);
});

Deno.test(".ci/run on a user's machine: no sudo, no apt-get, no git config; a note per missing tool", async () => {
  await using box = await sandbox();
  await box.fakeDeno(join(box.bin, "deno"), "2.9.6");
  for (const tool of ["sudo", "apt-get", "git", "npm"]) await box.record(tool);
  const out = await box.run(".ci/run");
  assertEquals(out.code, 0, out.stderr);
  assertEquals(out.calls, ["deno task ok"]);
  assertEquals(out.stdout.split("\n").filter(Boolean).map((l) => l.split(":")[0]), [
    "note",
    "note",
  ]);
  assertStringIncludes(
    out.stdout,
    "note: chromium is not installed: the web viewer's browser test",
  );
  assertStringIncludes(out.stdout, "install it with e.g. sudo apt-get install fish");
});

Deno.test(".ci/run in CI (CI=true): installs what is missing with apt-get, says so, then the gate", async () => {
  await using box = await sandbox();
  await box.fakeDeno(join(box.bin, "deno"), "2.9.6");
  for (const tool of ["sudo", "apt-get", "git"]) await box.record(tool);
  const out = await box.run(".ci/run", { CI: "true" });
  assertEquals(out.code, 0, out.stderr);
  const sudo = Deno.uid() === 0 ? "" : "sudo -n ";
  assertEquals(out.calls, [
    `${sudo}apt-get update -qq`,
    `${sudo}apt-get install -y -qq chromium fish`,
    "deno task ok",
  ]);
  assertStringIncludes(out.stdout, "Installing chromium fish with apt-get (CI=true)");
});

Deno.test("scripts/quickstart.sh: the Deno found, git-atrace installed from the clone, then the demo", async () => {
  await using box = await sandbox();
  await box.fakeDeno(join(box.bin, "deno"), "2.9.6");
  await box.record("npm");
  await Deno.mkdir(join(box.home, ".local", "bin"), { recursive: true });
  await Deno.writeTextFile(
    join(box.home, ".local", "bin", "git-atrace"),
    `#!/bin/sh\necho "git-atrace $*" >> "${box.base}/calls"\n`,
    { mode: 0o755 },
  );
  const out = await box.run("sh scripts/quickstart.sh");
  assertEquals(out.code, 0, out.stderr);
  assertEquals(out.calls, ["deno run -A scripts/install.ts", "git-atrace demo"]);
  assertStringIncludes(
    out.stdout,
    'add ~/.local/bin to PATH (in your shell\'s profile too):\n  export PATH="$HOME/.local/bin:$PATH"\n',
  );
});
