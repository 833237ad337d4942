import { join } from "node:path";
import { assertEquals } from "./helpers/assert.ts";
import { PROJECT, type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

/** PATH with a `git-atrace` that runs this checkout's main.ts, so `git atrace …` works in shells. */
async function pathWithAtrace(repo: TempRepo): Promise<string> {
  const bin = join(repo.home, "bin");
  await Deno.mkdir(bin, { recursive: true });
  const script = join(bin, "git-atrace");
  await Deno.writeTextFile(
    script,
    `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet --config="${PROJECT}/deno.json" "${PROJECT}/main.ts" "$@"\n`,
  );
  await Deno.chmod(script, 0o755);
  return `${bin}:${repo.env.PATH}`;
}

async function run(shell: string, script: string, repo: TempRepo, path: string) {
  const out = await new Deno.Command(shell, {
    args: ["-c", script],
    env: { ...repo.env, PATH: path },
    clearEnv: true,
    cwd: repo.dir,
  }).output();
  return new TextDecoder().decode(out.stdout);
}

function has(shell: string): boolean {
  return new Deno.Command("sh", { args: ["-c", `command -v ${shell}`] }).outputSync().success;
}

Deno.test("install <TAB> and uninstall <TAB> complete agent names in bash, zsh and fish", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "cline.txt": "a file whose name starts like an agent\n" });
  const path = await pathWithAtrace(repo);
  const scriptFile = (shell: string) => join(repo.home, `completion.${shell}`);
  for (const shell of ["bash", "zsh", "fish"]) {
    await Deno.writeTextFile(
      scriptFile(shell),
      await run("sh", `git atrace completion ${shell}`, repo, path),
    );
  }
  const bash = (line: string) =>
    run(
      "bash",
      `source "${
        scriptFile("bash")
      }"; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _git_atrace; printf "%s\\n" "\${COMPREPLY[@]}"`,
      repo,
      path,
    );
  assertEquals(await bash("git atrace install cl"), "claude-code\ncline\n");
  assertEquals(await bash("git atrace install claude-code co"), "codex\ncopilot-cli\n");
  assertEquals(await bash("git atrace uninstall gem"), "gemini-cli\n");
  if (has("fish")) {
    const fish = (line: string) =>
      run("fish", `source "${scriptFile("fish")}"; complete -C"${line}"`, repo, path);
    assertEquals(await fish("git atrace install cl"), "claude-code\ncline\n");
    assertEquals(await fish("git-atrace uninstall gem"), "gemini-cli\n");
  }
  if (has("zsh")) {
    // zsh's completion system needs a terminal; the function itself runs with compadd stubbed.
    const zsh = (words: string[]) =>
      run(
        "zsh",
        [
          "compdef() { :; }",
          "compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }",
          "_files() { print FILES; }",
          `source "${scriptFile("zsh")}"`,
          `service=git; words=(${words.join(" ")}); CURRENT=${words.length}; PREFIX=${
            words.at(-1)
          }`,
          "_git-atrace",
        ].join("\n"),
        repo,
        path,
      );
    assertEquals(await zsh(["git", "atrace", "install", "cl"]), "claude-code\ncline\n");
  }
});
