// deno-lint-ignore-file no-console
/**
 * The fidelity scenario: two agent sessions and a person in one repository, then a third session on
 * a feature branch; every step that rewrites or mixes history is followed by a scoring.
 */
import { join } from "node:path";
import { pyFunction, pyModule, Rng } from "./code.ts";
import { lineOf, scoreAll, type Setup, type StepScore } from "./score.ts";
import { HUMAN } from "./truth.ts";
import { Claude, Codex } from "./agents.ts";
import type { World } from "./world.ts";

/** Index and length of the function whose `def` line is at `at` (up to its return line). */
function functionAt(world: World, path: string, at: number): [number, number] {
  const end = lineOf(world, path, "    return", at);
  return [at, end - at + 1];
}

/** Index of the last non-blank line of `path` at or before `fromEnd` lines before its end. */
function bodyLine(world: World, path: string, fromEnd: number): number {
  const lines = world.truth.lines(path);
  for (let i = lines.length - fromEnd; i > 0; i--) if (lines[i]!.text.trim()) return i;
  throw new Error(`no body line in ${path}`);
}

/** Runs the scenario in `world`, scoring after every step. */
export async function runScenario(world: World, setup: Setup, seed = 7): Promise<StepScore[]> {
  const rng = new Rng(seed);
  const scores: StepScore[] = [];
  const git = (...args: string[]) => world.git(...args);
  const score = async (step: string) => {
    if (Deno.env.get("FIDELITY_DEBUG")) console.error(`${setup}: ${step}`);
    scores.push({ step, score: await scoreAll(world) });
  };

  // The project, written by a person, with the agents' hooks installed and committed.
  world.truth.splice("src/app.py", 0, 0, pyModule(rng, "The app", 2, 8), HUMAN);
  world.truth.splice("src/util.py", 0, 0, pyModule(rng, "Utilities", 2, 8), HUMAN);
  for (const path of world.truth.files.keys()) await world.sync(path);
  const install = await world.atrace([
    "install",
    "claude-code",
    "codex",
    ...(setup === "one-command" ? [] : ["--no-git-hooks"]),
  ]);
  if (install.code !== 0) throw new Error(`install: ${install.stderr}`);
  await git("add", "-A");
  await git("commit", "-qm", "Initial project");

  const a = new Claude(world, rng.uuid());
  const b = new Codex(world, rng.uuid());

  // 1. An agent writes a module and a function, and commits quietly.
  await a.prompt("Add a report module and a summary function, then commit.");
  await a.create("src/report.py", pyModule(rng, "Reports", 3, 10));
  await a.edit("src/app.py", world.truth.lines("src/app.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 12),
  ]);
  await a.shell('git add -A && git commit -qm "Add report module"');
  await a.stop();
  await score("agent commit -q");

  // 2. Another agent (Codex, apply_patch) changes two files and commits with -am.
  await b.prompt("Add a utility and tune the app's first function; commit with -am.");
  await b.edit("src/util.py", world.truth.lines("src/util.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 10),
  ]);
  const first = lineOf(world, "src/app.py", "def ");
  await b.edit("src/app.py", first + 3, 2, [
    `    checked = ${rng.int(10, 99)}`,
    "    if checked:",
    `        checked -= ${rng.int(1, 9)}`,
  ]);
  await b.shell('git commit -am "Tune util and app"');
  await b.stop();
  await score("agent commit -am");

  // 3. A person commits; then an agent's commit fails while its output echoes that commit's line.
  await world.personSplice("src/util.py", world.truth.lines("src/util.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 6),
  ]);
  await git("commit", "-qam", "Person: helper");
  await a.prompt("Commit again.");
  await a.shell('git commit -m "Retry" || git log -1 --format="[main %h] %s"');
  await a.stop();
  await score("failed agent commit");

  // 4. One commit mixes the agent's edits with a person's, made while the agent worked.
  await a.prompt("Refine the report.");
  const r1 = lineOf(world, "src/report.py", "def ");
  await a.edit("src/report.py", r1 + 2, 2, [
    `    seen = set(range(${rng.int(2, 50)}))`,
    `    total = len(seen) * ${rng.int(2, 9)}`,
  ]);
  const r2 = lineOf(world, "src/report.py", "def ", r1 + 1);
  await a.edit("src/report.py", r2 + 3, 0, [
    `    if not rows_${rng.int(10, 99)}:`,
    `        raise ValueError("empty report ${rng.int(1, 99)}")`,
    "",
    `    window = ${rng.int(3, 30)}`,
  ]);
  await world.personSplice("src/report.py", world.truth.lines("src/report.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 5),
  ]);
  const appFirst = lineOf(world, "src/app.py", "def ");
  await world.personSplice("src/app.py", appFirst + 1, 0, [
    `    # reviewed by pat, ticket ${rng.int(100, 999)}`,
  ]);
  await a.shell('git add -A && git commit -qm "Refine report"');
  await a.stop();
  await score("mixed agent + person commit");

  // 5. A person re-indents part of an agent's function under a new guard.
  const r3 = lineOf(world, "src/report.py", "def ", r2 + 1);
  const [, r3len] = functionAt(world, "src/report.py", r3);
  world.truth.reindent("src/report.py", r3 + 2, r3len - 3, "    ");
  world.truth.splice("src/report.py", r3 + 2, 0, ["    if limit:"], HUMAN);
  await world.sync("src/report.py");
  await git("commit", "-qam", "Person: guard the report");
  await score("person re-indents agent code");

  // 6. A person moves an agent's function to another file, and another one within its file.
  const u = lineOf(world, "src/util.py", "def ", lineOf(world, "src/util.py", "def ") + 1);
  const agentUtil = lineOf(world, "src/util.py", "def ", u + 1);
  const [, ulen] = functionAt(world, "src/util.py", agentUtil);
  world.truth.move(
    "src/util.py",
    agentUtil - 2,
    ulen + 2,
    "src/app.py",
    world.truth.lines("src/app.py").length,
  );
  const m = lineOf(world, "src/report.py", "def ");
  const [, mlen] = functionAt(world, "src/report.py", m);
  world.truth.move(
    "src/report.py",
    m - 2,
    mlen + 2,
    "src/report.py",
    world.truth.lines("src/report.py").length - mlen - 2,
  );
  await world.sync("src/util.py");
  await world.sync("src/app.py");
  await world.sync("src/report.py");
  await git("commit", "-qam", "Person: reorganise");
  await score("person moves agent code");

  // 6b. One-line edits both ways: an agent changes a person's line, a person changes an agent's.
  await b.prompt("Fix the off-by-one in the first utility.");
  const hu = lineOf(world, "src/util.py", "def ");
  await b.edit("src/util.py", hu + 2, 1, [`    count_${rng.int(1, 99)} = 1  # was 0`]);
  await b.shell('git commit -qam "Fix off-by-one"');
  await b.stop();
  const ar = lineOf(world, "src/report.py", "def ", lineOf(world, "src/report.py", "def ") + 1);
  await world.personSplice("src/report.py", ar + 2, 1, [`    threshold = ${rng.int(100, 999)}`]);
  await git("commit", "-qam", "Person: threshold");
  await score("one-line edits both ways");

  // 7. An agent's edits, left uncommitted, committed by a person.
  await b.prompt("Add a cache module; don't commit, I'll review it.");
  await b.create("src/cache.py", pyModule(rng, "Cache", 2, 8));
  const u1 = lineOf(world, "src/util.py", "def ");
  await b.edit("src/util.py", u1 + 3, 0, [
    `    cache_key = "${rng.pick(["k", "key", "id"])}-%d" % ${rng.int(1, 99)}`,
    "    if cache_key in seen_keys:",
    "        return seen_keys[cache_key]",
  ]);
  await b.stop();
  await git("add", "-A");
  await git("commit", "-qm", "Add cache (reviewed)");
  await score("person commits agent's edits");

  // 8. An agent commits a 12-line function; a person fixes one line of it and amends.
  await a.prompt("Add a retry helper to util and commit.");
  await a.edit("src/util.py", world.truth.lines("src/util.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 12),
  ]);
  await a.shell('git commit -qam "Add retry helper"');
  await a.stop();
  const helper = bodyLine(world, "src/util.py", 7);
  await world.personSplice("src/util.py", helper, 1, [`    attempts = ${rng.int(2, 9)}  # pat`]);
  await git("commit", "-qa", "--amend", "--no-edit");
  await score("commit --amend");

  // 9. rebase -i: a person's commit moves before the agent's, and a fixup is folded into it.
  await b.prompt("Add an export function to the app and commit.");
  await b.edit("src/app.py", world.truth.lines("src/app.py").length, 0, [
    "",
    "",
    ...pyFunction(rng, 10),
  ]);
  await b.shell('git commit -qam "Add export"');
  await b.stop();
  const x = (await git("rev-parse", "HEAD")).trim();
  await world.personSplice("src/report.py", 1, 0, [`# owner: pat, since ${rng.int(2001, 2024)}`]);
  await git("commit", "-qam", "Person: owner note");
  const y = (await git("rev-parse", "HEAD")).trim();
  const fixLine = bodyLine(world, "src/app.py", 4);
  await world.personSplice("src/app.py", fixLine, 1, [`    limit = min(limit, ${rng.int(2, 9)})`]);
  await git("commit", "-qam", "fixup! Add export");
  const f = (await git("rev-parse", "HEAD")).trim();
  const todo = join(world.base, "todo");
  await Deno.writeTextFile(todo, `pick ${y}\npick ${x}\nfixup ${f}\n`);
  await world.gitWith({ GIT_SEQUENCE_EDITOR: `cp '${todo}'` }, "rebase", "-q", "-i", "HEAD~3");
  await score("rebase -i (reorder, fixup)");

  // 10. A feature branch with two agent commits, squash-merged while main moved on.
  const main = world.truth.clone();
  await git("checkout", "-q", "-b", "feature");
  const c = new Claude(world, rng.uuid());
  await c.prompt("Build the feature module and wire it into the app.");
  await c.create("src/feature.py", pyModule(rng, "Feature", 2, 9));
  await c.shell('git add -A && git commit -qm "Add feature module"');
  await c.edit("src/app.py", lineOf(world, "src/app.py", "import") + 1, 0, [
    "from feature import enable",
    `FEATURE_LEVEL = ${rng.int(2, 9)}`,
  ]);
  await c.shell('git commit -am "Wire feature"');
  await c.stop();
  const feature = world.truth.clone();
  await git("checkout", "-q", "main");
  world.truth.assign(main);
  await world.personSplice("src/util.py", 1, 0, [`# utilities, maintained by pat`]);
  await git("commit", "-qam", "Person: util header");
  for (const path of ["src/feature.py", "src/app.py"]) {
    world.truth.files.set(path, feature.lines(path).map((l) => ({ ...l })));
  }
  await git("merge", "-q", "--squash", "feature");
  await git("commit", "-qm", "Feature (#12)");
  await git("branch", "-q", "-D", "feature");
  await score("squash merge");

  // 11. The user runs repair.
  const repair = await world.atrace(["repair"]);
  if (repair.code !== 0) throw new Error(`repair: ${repair.stderr}`);
  await score("repair");
  return scores;
}
