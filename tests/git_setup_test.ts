/** One-command setup: `install <agent>` also installs what `init` does, unless told not to. */
import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

Deno.test("install <agent> also installs the git hooks and the notes rewrite config; --no-git-hooks, --global and --dry-run do not", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "hi\n" });
  const exists = (path: string) => Deno.stat(`${repo.dir}/${path}`).then(() => true, () => false);
  const rewriteRefs = () => repo.git(["config", "--get-all", "notes.rewriteRef"]).catch(() => "");

  const only = await repo.atrace(["install", "claude-code", "--no-git-hooks"]);
  assertEquals(only.code, 0, only.stderr);
  assertEquals(await exists(".git/hooks/post-commit"), false);
  assertEquals(await rewriteRefs(), "");

  const dry = await repo.atrace(["install", "codex", "--dry-run"]);
  assertStringIncludes(dry.stdout, "git: would install the post-commit and post-rewrite git hooks");
  assertStringIncludes(dry.stdout, "git: would set notes.rewriteRef=refs/notes/atrace\n");
  assertEquals(await exists(".git/hooks/post-commit"), false);

  const out = await repo.atrace(["install", "claude-code"]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "claude-code: already set up in .claude/settings.json");
  assertStringIncludes(out.stdout, "installed post-commit hook: ");
  assertStringIncludes(out.stdout, "installed post-rewrite hook: ");
  assertEquals(await exists(".git/hooks/post-commit"), true);
  assertEquals((await rewriteRefs()).trim().split("\n"), [
    "refs/notes/atrace",
    "refs/notes/atrace-ranges",
  ]);
  assertEquals((await repo.git(["config", "notes.rewrite.amend"])).trim(), "true");

  const again = await repo.atrace(["install", "claude-code"]);
  assertStringIncludes(
    again.stdout,
    "git-atrace is already set up in this repository: post-commit and post-rewrite hooks, notes rewrite config (nothing changed)",
  );

  await using other = await tempRepo();
  const global = await other.atrace(["install", "claude-code", "--global"]);
  assertEquals(global.code, 0, global.stderr);
  assertEquals(await Deno.stat(`${other.dir}/.git/hooks/post-commit`).then(() => 1, () => 0), 0);
});
