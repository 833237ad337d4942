import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { PROJECT, tempRepo } from "./helpers/temp_repo.ts";

/** Runs git-atrace on a pseudo-terminal (util-linux `script`), returning what the terminal showed. */
async function onTerminal(
  cwd: string,
  env: Record<string, string>,
  args: string,
): Promise<string | null> {
  if (Deno.build.os !== "linux") return null;
  const cli = `'${Deno.execPath()}' run -A --quiet --config='${PROJECT}/deno.json' '${
    join(PROJECT, "main.ts")
  }'`;
  const out = await new Deno.Command("script", {
    args: ["-qec", `${cli} ${args}`, "/dev/null"],
    cwd,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  return out ? new TextDecoder().decode(out.stdout).replaceAll("\r", "") : null;
}

Deno.test("on a terminal: colour, git's pager, --no-pager and NO_COLOR", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial");
  await repo.write(".git/trace/sessions/tty-1.timestamp", "2026-01-01T00:00:00Z\n");
  const env = { ...repo.env, TERM: "xterm", GIT_PAGER: "sed s/^/PAGED:/" };
  const paged = await onTerminal(repo.dir, env, "list");
  if (paged === null) return;
  assertStringIncludes(paged, "PAGED:\x1b[1mSessions\x1b[0m\n");
  assertStringIncludes(paged, "PAGED:  \x1b[36mtty-1\x1b[0m");
  const direct = await onTerminal(repo.dir, env, "--no-pager list");
  assertEquals(direct?.startsWith("\x1b[1mSessions\x1b[0m\n"), true);
  const plain = await onTerminal(repo.dir, { ...env, NO_COLOR: "1" }, "--no-pager list");
  assertEquals(plain?.startsWith("Sessions\n\n  tty-1  2026-01-01T00:00:00Z"), true);
  await repo.git(["config", "color.ui", "never"]);
  assertEquals((await onTerminal(repo.dir, env, "--no-pager list"))?.includes("\x1b["), false);
});
