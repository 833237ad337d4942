import { join } from "node:path";
import { assert, assertEquals } from "./helpers/assert.ts";
import {
  AUTH_AFTER,
  AUTH_BEFORE,
  CLAUDE_SESSION,
  fixture,
  installClaudeTranscript,
} from "./helpers/fixtures.ts";
import { PROJECT, tempRepo } from "./helpers/temp_repo.ts";
import config from "../deno.json" with { type: "json" };

const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(join(PROJECT, path)));

Deno.test("plugin manifests (Claude Code, Gemini CLI) carry the one version; Claude's does not repeat the default hooks path", async () => {
  const plugin = await readJson(".claude-plugin/plugin.json");
  const market = await readJson(".claude-plugin/marketplace.json");
  assertEquals(plugin.name, "git-atrace");
  assertEquals(plugin.version, config.version);
  assertEquals(market.plugins[0].version, config.version);
  assertEquals((await readJson("hooks/gemini-cli/gemini-extension.json")).version, config.version);
  assertEquals(market.plugins[0].source, "./");
  assert(
    !("hooks" in plugin),
    "manifest.hooks would make Claude Code report a duplicate hooks file",
  );
  const hooks = (await readJson("hooks/hooks.json")).hooks;
  assertEquals(Object.keys(hooks).sort(), [
    "PostToolUse",
    "PostToolUseFailure",
    "SessionEnd",
    "Stop",
    "UserPromptSubmit",
  ]);
  assert(hooks.PostToolUse[0].matcher.split("|").includes("Bash"));
});

Deno.test("Claude Code plugin: the hook command runs through the plugin launcher and captures", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await repo.write("src/auth.py", AUTH_AFTER);
  await installClaudeTranscript(repo);
  const hooks = (await readJson("hooks/hooks.json")).hooks;
  const command = hooks.PostToolUse[0].hooks[0].command.replace("${CLAUDE_PLUGIN_ROOT}", PROJECT);
  const stdin = await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json");
  const child = new Deno.Command("sh", {
    args: ["-c", command],
    cwd: repo.home,
    env: { ...repo.env, PATH: `${join(Deno.execPath(), "..")}:/usr/bin:/bin` },
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const out = await child.output();
  assertEquals([out.code, out.stdout.length, new TextDecoder().decode(out.stderr)], [0, 0, ""]);
  assertEquals(await repo.read(`.git/trace/sessions/${CLAUDE_SESSION}.files`), "src/auth.py\n");
});

Deno.test("Claude Code plugin: with HOME=/dev/null the launcher's hook still exits 0 and prints nothing", async () => {
  const child = new Deno.Command("sh", {
    args: ["-c", `printf '{}' | "${join(PROJECT, "bin", "git-atrace")}" hook`],
    cwd: "/",
    env: { HOME: "/dev/null", PATH: `${join(Deno.execPath(), "..")}:/usr/bin:/bin` },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  });
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assertEquals([out.code, text], [0, ""]);
});
