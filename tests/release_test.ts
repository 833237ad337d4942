import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import {
  AUTH_BEFORE,
  CLAUDE_SESSION,
  fixture,
  installClaudeTranscript,
} from "./helpers/fixtures.ts";
import { PROJECT, runGit, tempRepo } from "./helpers/temp_repo.ts";
import { loadAllCommands } from "../src/commands/registry.ts";
import { renderManPage } from "../src/core/manpage.ts";
import { VERSION } from "../src/version.ts";
import { LAUNCHERS, renderLauncher } from "../src/core/launcher.ts";
import { listCopies } from "../src/io/install_copy.ts";

async function sh(script: string, env: Record<string, string>, cwd: string) {
  const out = await new Deno.Command("sh", { args: ["-c", script], env, clearEnv: true, cwd })
    .output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

Deno.test("the committed man page is generated from the commands' help (run scripts/manpage.ts)", async () => {
  const committed = await Deno.readTextFile(join(PROJECT, "docs", "git-atrace.1"));
  assertEquals(committed, renderManPage(VERSION, await loadAllCommands()));
});

Deno.test("deno task install puts launchers and the man page in place; completions use them", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await repo.write(".git/trace/sessions/compl-123.timestamp", "2026-01-01T00:00:00Z\n");
  const bin = join(repo.home, ".local", "bin");
  const install = await sh(
    `"${Deno.execPath()}" run -A --quiet --config="${PROJECT}/deno.json" "${PROJECT}/scripts/install.ts" --no-compile`,
    repo.env,
    repo.dir,
  );
  assertEquals(install.code, 0, install.stderr);
  for (const name of ["git-atrace", "git-atrace-hook", "git-atrace-commit-hook"]) {
    assert((await Deno.stat(join(bin, name))).mode! & 0o100, `${name} is executable`);
  }
  assert(await Deno.stat(join(repo.home, ".local/share/man/man1/git-atrace.1")));
  const env = { ...repo.env, PATH: `${bin}:${repo.env.PATH}` };
  assertStringIncludes(
    (await sh("git atrace --version", env, repo.dir)).stdout,
    `git-atrace version ${VERSION}`,
  );
  await repo.write("src/auth.py", AUTH_BEFORE);
  await installClaudeTranscript(repo);
  await Deno.writeTextFile(
    join(repo.home, "payload.json"),
    await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json"),
  );
  const hook = await sh(
    `git-atrace-hook < "${repo.home}/payload.json"; echo rc=$?`,
    env,
    repo.home,
  );
  assertEquals(hook.stdout, "rc=0\n");
  assertEquals(await repo.read(`.git/trace/sessions/${CLAUDE_SESSION}.files`), "src/auth.py\n");
  assertStringIncludes((await sh("git atrace list", env, repo.dir)).stdout, "7b3c9e2a");
  const script = (await sh("git atrace completion bash", env, repo.dir)).stdout;
  await Deno.writeTextFile(join(repo.home, "completion.bash"), script);
  const complete = (line: string) =>
    sh(
      `bash -c 'source "${repo.home}/completion.bash"; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _git_atrace; printf "%s\\n" "\${COMPREPLY[@]}"'`,
      env,
      repo.dir,
    );
  assertEquals((await complete("git atrace vi")).stdout, "view\n");
  assertEquals((await complete("git atrace view comp")).stdout, "compl-123\n");
  assertEquals((await complete("git atrace list --j")).stdout, "--json\n");
  const fish = await sh("command -v fish", env, repo.dir);
  if (fish.code === 0) {
    await Deno.writeTextFile(
      join(repo.home, "completion.fish"),
      (await sh("git atrace completion fish", env, repo.dir)).stdout,
    );
    await repo.write("src/auth.py", AUTH_BEFORE);
    const words = (line: string) =>
      sh(`fish -c 'source "${repo.home}/completion.fish"; complete -C"${line}"'`, env, repo.dir);
    assertEquals((await words("git atrace vi")).stdout, "view\n");
    assertEquals((await words("git-atrace view compl")).stdout, "compl-123\n");
    assertStringIncludes((await words("git-atrace show src/au")).stdout, "src/auth.py");
  }
  for (const shell of ["zsh", "fish"]) {
    assertStringIncludes(
      (await sh(`git atrace completion ${shell}`, env, repo.dir)).stdout,
      "git atrace completion words",
    );
  }
});

Deno.test("install.sh installs a release archive after verifying its checksum, and refuses a tampered one", async () => {
  const target = Deno.build.os === "linux" && Deno.build.arch === "x86_64"
    ? "x86_64-unknown-linux-gnu"
    : null;
  if (!target) return;
  await using repo = await tempRepo();
  const dist = join(repo.home, "dist");
  const unpacked = join(dist, `git-atrace-${VERSION}-${target}`);
  await Deno.mkdir(unpacked, { recursive: true });
  const launcher =
    `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet --config="${PROJECT}/deno.json" "${PROJECT}/main.ts" "$@"\n`;
  await Deno.writeTextFile(join(unpacked, "git-atrace"), launcher, { mode: 0o755 });
  const pack = await sh(
    `"${Deno.execPath()}" run -A "${PROJECT}/scripts/package.ts" "${dist}"`,
    repo.env,
    repo.dir,
  );
  assertEquals(pack.code, 0, pack.stderr);
  const prefix = join(repo.home, "prefix");
  const env = { ...repo.env, PREFIX: prefix, GIT_ATRACE_BASE_URL: `file://${dist}` };
  const ok = await sh(`sh "${PROJECT}/install.sh"`, env, repo.dir);
  assertEquals(ok.code, 0, ok.stderr);
  assertStringIncludes(ok.stdout, `installed git-atrace-${VERSION}-${target}.tar.gz`);
  const version = await sh(`"${prefix}/bin/git-atrace" --version`, env, repo.dir);
  assertStringIncludes(version.stdout, `git-atrace version ${VERSION}`);
  assertEquals(
    (await sh(`echo '{}' | "${prefix}/bin/git-atrace-hook"; echo $?`, env, repo.dir)).stdout,
    "0\n",
  );
  assert(await Deno.stat(join(prefix, "share/man/man1/git-atrace.1")));
  // The same layout and launchers as deno task install: doctor and uninstall --self know them.
  const copy = join(prefix, "share", "git-atrace", VERSION);
  for (const { name, hook } of LAUNCHERS) {
    assertEquals(
      await Deno.readTextFile(join(prefix, "bin", name)),
      renderLauncher(VERSION, join(copy, "git-atrace"), hook),
    );
  }
  assertEquals(
    (await listCopies(join(prefix, "share", "git-atrace"))).map((c) => [c.version, c.dir, c.bin]),
    [[VERSION, copy, join(prefix, "bin")]],
  );

  await Deno.remove(prefix, { recursive: true });
  await Deno.writeTextFile(join(dist, `git-atrace-${VERSION}-${target}.tar.gz`), "tampered", {
    append: true,
  });
  const bad = await sh(`sh "${PROJECT}/install.sh"`, env, repo.dir);
  assertEquals(bad.code, 1);
  assertStringIncludes(bad.stderr, "checksum mismatch");
  assertEquals(await Deno.stat(prefix).catch(() => null), null, "nothing installed");
  await runGit(["status"], { cwd: repo.dir, env: repo.env });
});
