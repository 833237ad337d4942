import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";
import { gcSessions, pruneSession } from "../src/io/gc.ts";
import { findRepo } from "../src/io/repo.ts";

const DAY = 86_400_000;

async function session(dir: string, id: string, ageDays: number) {
  await Deno.mkdir(dir, { recursive: true });
  const when = new Date(Date.now() - ageDays * DAY);
  for (const [ext, text] of [[".jsonl", "{}\n".repeat(100)], [".files", "a.txt\n"]]) {
    const path = join(dir, id + ext);
    await Deno.writeTextFile(path, text!);
    await Deno.utime(path, when, when);
  }
}

Deno.test("gc prunes only old, unlinked, unshared local sessions and reports the store size", async () => {
  await using repo = await tempRepo();
  const sha = await repo.commit("initial", { "a.txt": "a\n" });
  const local = join(repo.dir, ".git", "trace", "sessions");
  await Deno.mkdir(join(repo.dir, ".agents"));
  await session(local, "old-unlinked", 60);
  await session(local, "old-linked", 60);
  await session(local, "old-shared", 60);
  await session(join(repo.dir, ".agents", "sessions"), "old-shared", 60);
  await session(local, "new-unlinked", 1);
  await repo.git(["notes", "--ref=refs/notes/atrace", "add", "-m", "old-linked", sha]);
  const dry = await repo.atrace(["gc", "--dry-run"]);
  assertEquals(dry.code, 0, dry.stderr);
  assertMatch(dry.stdout, /^Would remove old-unli {2}\d+ B {2}\d{4}-/m);
  assertStringIncludes(dry.stdout, "Would prune 1 session (");
  assertStringIncludes(dry.stdout, "kept 3 (shared, linked or newer)");
  assertStringIncludes(dry.stdout, "Store: 4 sessions, 1.2 KiB.");
  assert(await Deno.stat(join(local, "old-unlinked.jsonl")));
  const week = await repo.atrace(["gc", "--older-than", "2w"]);
  assertEquals(week.code, 0, week.stderr);
  assertStringIncludes(week.stdout, "Removed old-unli");
  assertStringIncludes(week.stdout, "Store: 3 sessions,");
  assertEquals(await Deno.stat(join(local, "old-unlinked.jsonl")).catch(() => null), null);
  const all = await repo.atrace(["gc", "--older-than", "now"]);
  assertStringIncludes(all.stdout, "Removed new-unli");
  const names: string[] = [];
  for await (const e of Deno.readDir(local)) names.push(e.name);
  assertEquals(names.sort(), [
    "old-linked.files",
    "old-linked.jsonl",
    "old-shared.files",
    "old-shared.jsonl",
  ]);
  const bad = await repo.atrace(["gc", "--older-than", "soon"]);
  assertEquals(bad.code, 129);
  assertStringIncludes(bad.stderr, "invalid age 'soon'");
});

Deno.test("gc keeps a session a hook wrote to after the listing (checked under the session's lock)", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "a.txt": "a\n" });
  const local = join(repo.dir, ".git", "trace", "sessions");
  await session(local, "busy", 60);
  await session(local, "idle", 60);
  const found = await findRepo(repo.dir);
  const [busy, idle] = await gcSessions(found!);
  const cutoff = Date.now() - DAY;
  assertEquals([busy!.id, busy!.mtime <= cutoff, idle!.id], ["busy", true, "idle"]);
  await Deno.writeTextFile(join(local, "busy.events.jsonl"), "{}\n");
  assertEquals(await pruneSession(found!, "busy", cutoff), false);
  assertEquals(await pruneSession(found!, "idle", cutoff), true);
  const names: string[] = [];
  for await (const e of Deno.readDir(local)) names.push(e.name);
  assertEquals(names.sort(), ["busy.events.jsonl", "busy.files", "busy.jsonl"]);
});
