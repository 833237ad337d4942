// deno-lint-ignore-file no-console
/**
 * The second fidelity scenario, designed apart from the first: a TypeScript server, a Go store and
 * a YAML config; Gemini CLI (whose shell runs no git hooks), Codex in code mode and Claude Code
 * sessions, a person; two sessions in one file, a session over several commits, a person's commit
 * between one session's hooks, review edits inside an agent's block, a squash merge then amended,
 * git mv, a cherry-pick, an agent's own amend, rebase -i (reorder, fixup, squash), a revert, a
 * rebase whose conflict the person resolves, a merge commit, and repair.
 */
import { join } from "node:path";
import { Claude, Codex, Gemini } from "./agents.ts";
import { Rng } from "./code.ts";
import { goFunction, goModule, tsFunction, tsModule, yamlBlock } from "./langs.ts";
import { lineOf, scoreAll, type Setup, type StepScore } from "./score.ts";
import { HUMAN, type Truth } from "./truth.ts";
import type { World } from "./world.ts";

const SERVER = "src/server.ts";
const STORE = "pkg/store/store.go";
const CONFIG = "config/app.yaml";

/** The end of `path` (for appending). */
function end(world: World, path: string): number {
  return world.truth.lines(path).length;
}

/** Index of the last line of `path` whose text starts with `prefix`. */
function lastLineOf(world: World, path: string, prefix: string): number {
  const i = world.truth.lines(path).findLastIndex((l) => l.text.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting '${prefix}' in ${path}`);
  return i;
}

/** Runs the scenario in `world`, scoring after every step. */
export async function runPolyglot(world: World, setup: Setup, seed = 11): Promise<StepScore[]> {
  const rng = new Rng(seed);
  const scores: StepScore[] = [];
  const git = (...args: string[]) => world.git(...args);
  const score = async (step: string) => {
    if (Deno.env.get("FIDELITY_DEBUG")) console.error(`${setup}: ${step}`);
    scores.push({ step, score: await scoreAll(world) });
  };
  const person = (path: string, at: number, count: number, texts: string[]) =>
    world.personSplice(path, at, count, texts);

  // The project, written by a person; the three agents' hooks installed and committed.
  world.truth.splice(SERVER, 0, 0, tsModule(rng, "The HTTP server", 3, 9), HUMAN);
  world.truth.splice(STORE, 0, 0, goModule(rng, 2, 12), HUMAN);
  world.truth.splice(CONFIG, 0, 0, [
    "# Service configuration.",
    ...yamlBlock(rng, "server", 5),
    ...yamlBlock(rng, "database", 6),
  ], HUMAN);
  for (const path of world.truth.files.keys()) await world.sync(path);
  const install = await world.atrace([
    "install",
    "gemini-cli",
    "codex",
    "claude-code",
    ...(setup === "one-command" ? [] : ["--no-git-hooks"]),
  ]);
  if (install.code !== 0) throw new Error(`install: ${install.stderr}`);
  await git("add", "-A");
  await git("commit", "-qm", "Initial project");

  const g = new Gemini(world, rng.uuid());
  const x = new Codex(world, rng.uuid(), "code");
  const c = new Claude(world, rng.uuid());

  // 1. Gemini adds a module and wires it into a person's function; commits (no git hook runs).
  await g.prompt("Add a routes module and register it in the server, then commit.");
  await g.create("src/routes.ts", tsModule(rng, "Routes", 3, 10));
  await g.edit(SERVER, 2, 0, [`import { register } from "./routes.ts";`]);
  const s1 = lineOf(world, SERVER, "export function");
  await g.edit(SERVER, s1 + 2, 0, [
    `  register(items.length, "${rng.pick(["api", "web", "admin"])}-${rng.int(10, 99)}");`,
    `  const routed${rng.int(10, 99)} = limit * ${rng.int(2, 9)};`,
  ]);
  await g.shell('git add -A && git commit -m "Add routes"');
  await g.stop();
  await score("Gemini commits (no git hook in its shell)");

  // 2. Claude edits the store; a person commits their own file meanwhile; Claude's first commit
  // fails (nothing staged), then it rewrites a person's line and commits quietly.
  await c.prompt("Add a method to the Go store and commit it quietly.");
  await c.edit(STORE, end(world, STORE), 0, ["", ...goFunction(rng, 14)]);
  await person(CONFIG, end(world, CONFIG), 0, yamlBlock(rng, "logging", 4));
  await git("commit", "-qm", "Person: logging", "--", CONFIG);
  await c.shell('git commit -qm "Add store method"');
  const g1 = lineOf(world, STORE, "func ");
  await c.edit(STORE, g1 + 1, 1, [`\tbudget${rng.int(10, 99)} := limit * ${rng.int(2, 9)}`]);
  await c.shell('git add pkg/store && git commit -qm "Add store method"');
  await c.stop();
  await score("person's commit between one session's hooks");

  // 3. Codex edits the server and leaves it; Gemini (same session, new prompt) edits the same file
  // and commits everything with -am.
  await x.prompt("Add timing middleware to the server and fix the second handler; don't commit.");
  await x.edit(SERVER, end(world, SERVER), 0, ["", ...tsFunction(rng, 11)]);
  const s2 = lineOf(world, SERVER, "export function", lineOf(world, SERVER, "export function") + 1);
  await x.edit(SERVER, s2 + 1, 2, [
    `  let elapsed${rng.int(10, 99)} = performance.now() - ${rng.int(2, 90)};`,
    `  const started${rng.int(10, 99)} = Date.now() % ${rng.int(100, 999)};`,
  ]);
  await x.stop();
  // Meanwhile the person writes a helper of their own in the routes, uncommitted.
  await person("src/routes.ts", end(world, "src/routes.ts"), 0, ["", ...tsFunction(rng, 7)]);
  await g.prompt("Export the number of routes from the server and commit with -am.");
  await g.edit(SERVER, 3, 0, [`export const ROUTE_COUNT = ${rng.int(3, 30)};`]);
  await g.edit("src/routes.ts", end(world, "src/routes.ts"), 0, ["", ...tsFunction(rng, 8)]);
  await g.shell('git commit -am "Count routes"');
  await g.stop();
  await score("two sessions in one file, one commits both");

  // 4. Codex writes a cache and its config, uncommitted; the person changes a line inside it, adds
  // an error check with stock lines, deletes two of its YAML lines, and commits it all.
  await x.prompt("Add a cache to the store and configure it; leave it for review.");
  await x.create("pkg/store/cache.go", [
    "package store",
    "",
    `import "context"`,
    "",
    ...goFunction(rng, 11),
    "",
    ...goFunction(rng, 9),
  ]);
  await x.edit(CONFIG, end(world, CONFIG), 0, yamlBlock(rng, "cache", 7));
  await x.stop();
  const k1 = lineOf(world, "pkg/store/cache.go", "func ");
  await person("pkg/store/cache.go", k1 + 1, 1, [`\tttl${rng.int(10, 99)} := 30 // seconds, pat`]);
  const k2 = lineOf(world, "pkg/store/cache.go", "func ", k1 + 1);
  await person("pkg/store/cache.go", k2 + 1, 0, [
    "\tif err := s.db.PingContext(ctx); err != nil {",
    "\t\treturn 0, err",
    "\t}",
  ]);
  const cache = lineOf(world, CONFIG, "cache:");
  await person(CONFIG, cache + 2, 2, []);
  await git("add", "-A");
  await git("commit", "-qm", "Add cache (reviewed)");
  await score("person edits inside an agent's block, commits it");

  // 5. Claude works on a branch (two commits); main moves on; the branch is squash-merged and the
  // person amends the squash commit.
  const main5 = world.truth.clone();
  await git("checkout", "-q", "-b", "feat/metrics");
  await c.prompt("On a branch: add a metrics module and its config, one commit each.");
  await c.create("src/metrics.ts", tsModule(rng, "Metrics", 2, 9));
  await c.shell('git add -A && git commit -qm "Add metrics"');
  await c.edit(CONFIG, end(world, CONFIG), 0, yamlBlock(rng, "metrics", 5));
  await c.shell('git commit -qam "Configure metrics"');
  await c.stop();
  const feature5 = world.truth.clone();
  await git("checkout", "-q", "main");
  world.truth.assign(main5);
  await person(STORE, 0, 1, ["// Package store keeps the service's data (owned by pat)."]);
  await git("commit", "-qam", "Person: store doc");
  for (const path of ["src/metrics.ts", CONFIG]) adopt(world.truth, feature5, path);
  await git("merge", "-q", "--squash", "feat/metrics");
  await git("commit", "-qm", "Metrics (#7)");
  const m1 = lineOf(world, "src/metrics.ts", "export function");
  await person("src/metrics.ts", m1 + 1, 1, [`  let sampled = ${rng.int(2, 9)}; // pat`]);
  await git("commit", "-qa", "--amend", "--no-edit");
  await git("branch", "-q", "-D", "feat/metrics");
  await score("squash merge, then amended");

  // 6. The person moves the routes into a folder (git mv) and edits them, moves Codex's middleware
  // there, and nests Codex's cache config under a new key (a re-indent).
  await Deno.mkdir(join(world.dir, "src/http"));
  await git("mv", "src/routes.ts", "src/http/routes.ts");
  world.truth.rename("src/routes.ts", "src/http/routes.ts");
  const r1 = lineOf(world, "src/http/routes.ts", "export function");
  await person("src/http/routes.ts", r1 + 1, 1, [`  let hits = ${rng.int(2, 9)}; // pat`]);
  const imp = lineOf(world, SERVER, "import { register }");
  await person(SERVER, imp, 1, [`import { register } from "./http/routes.ts";`]);
  const mw = lastLineOf(world, SERVER, "export function");
  const mwLen = end(world, SERVER) - mw;
  world.truth.move(
    SERVER,
    mw - 1,
    mwLen + 1,
    "src/http/routes.ts",
    end(world, "src/http/routes.ts"),
  );
  const nest = lineOf(world, CONFIG, "cache:");
  const nestEnd = lineOf(world, CONFIG, "metrics:");
  world.truth.reindent(CONFIG, nest, nestEnd - nest, "  ");
  world.truth.splice(CONFIG, nest, 0, ["services:"], HUMAN);
  for (const path of [SERVER, "src/http/routes.ts", CONFIG]) await world.sync(path);
  await git("commit", "-qam", "Person: move routes to http/");
  await score("git mv and edit, move to another file, re-indent");

  // 7. Codex fixes the store on a hotfix branch, rewriting a person's lines; the person commits on
  // main, then cherry-picks the fix.
  const main7 = world.truth.clone();
  await git("checkout", "-q", "-b", "hotfix");
  await x.prompt("Fix the store's second query on a hotfix branch and commit.");
  const fixAt = () => lineOf(world, STORE, "func ", lineOf(world, STORE, "func ") + 1) + 1;
  const fix = [
    `\tif limit > ${rng.int(100, 999)} {`,
    `\t\tlimit = ${rng.int(10, 99)} // capped`,
    "\t}",
  ];
  await x.edit(STORE, fixAt(), 1, fix);
  await x.shell('git commit -qam "Cap the query limit"');
  await x.stop();
  await git("checkout", "-q", "main");
  world.truth.assign(main7);
  await person(SERVER, 1, 0, [`// Served on port ${rng.int(3000, 9000)}.`]);
  await git("commit", "-qam", "Person: port note");
  world.truth.splice(STORE, fixAt(), 1, fix, x.id);
  await git("cherry-pick", "-x", "hotfix");
  await git("branch", "-q", "-D", "hotfix");
  await score("cherry-pick of an agent's commit");

  // 8. Gemini (third prompt) commits a route, then its config, amending its own commit.
  await g.prompt("Add a health route and commit; then add its config to that commit.");
  await g.edit("src/http/routes.ts", end(world, "src/http/routes.ts"), 0, [
    "",
    ...tsFunction(rng, 9),
  ]);
  await g.shell('git commit -qam "Health route"');
  await g.edit(CONFIG, end(world, CONFIG), 0, yamlBlock(rng, "health", 4));
  await g.shell("git commit -q --amend -a --no-edit");
  await g.stop();
  await score("agent amends its own commit");

  // 8b. Claude writes the whole config over (changing a person's lines, adding a section) and
  // commits; the person squashes the last two commits into one with reset --soft.
  await c.prompt("Tidy the config: tracing section, clearer server settings. Commit.");
  const tidy = world.truth.lines(CONFIG).map((l) => l.text);
  const srv = tidy.findIndex((t) => t === "server:");
  tidy.splice(
    srv + 1,
    2,
    `  host: 0.0.0.0`,
    `  port: ${rng.int(3000, 9000)}`,
    `  timeout_ms: 2500`,
  );
  tidy.push(...yamlBlock(rng, "tracing", 5));
  await c.rewrite(CONFIG, tidy);
  await c.shell('git commit -qam "Tidy config"');
  await c.stop();
  await git("reset", "-q", "--soft", "HEAD~2");
  await git("commit", "-qm", "Health route and tidy config");
  await score("Write over a file; reset --soft squash");

  // 9. rebase -i: Codex's two janitor commits and a person's fixup of the first are folded into
  // one (fixup, squash), and a person's commit moves before them.
  await x.prompt("Add a janitor to the store, then a sweep; one commit each.");
  await x.create("pkg/store/janitor.go", ["package store", "", ...goFunction(rng, 12)]);
  await x.shell('git add -A && git commit -qm "Add janitor"');
  const j1 = (await git("rev-parse", "HEAD")).trim();
  await person(CONFIG, 1, 0, [`# Reviewed ${rng.int(1, 28)} November by pat.`]);
  await git("commit", "-qam", "Person: review note");
  const p = (await git("rev-parse", "HEAD")).trim();
  await x.edit("pkg/store/janitor.go", end(world, "pkg/store/janitor.go"), 0, [
    "",
    ...goFunction(rng, 10),
  ]);
  await x.shell('git commit -qam "Janitor: sweep"');
  await x.stop();
  const j2 = (await git("rev-parse", "HEAD")).trim();
  const jf = lineOf(world, "pkg/store/janitor.go", "func ") + 1;
  await person("pkg/store/janitor.go", jf, 1, [`\tswept := 0 // pat`]);
  await git("commit", "-qam", "fixup! Add janitor");
  const f = (await git("rev-parse", "HEAD")).trim();
  const todo = join(world.base, "todo");
  await Deno.writeTextFile(todo, `pick ${p}\npick ${j1}\nfixup ${f}\nsquash ${j2}\n`);
  await world.gitWith(
    { GIT_SEQUENCE_EDITOR: `cp '${todo}'`, GIT_EDITOR: "true" },
    "rebase",
    "-q",
    "-i",
    "HEAD~4",
  );
  await score("rebase -i: reorder, fixup, squash");

  // 10. The person deletes Gemini's health route, commits something else, then reverts the delete.
  const routes = "src/http/routes.ts";
  const health = lineOf(world, routes, "export function", end(world, routes) - 9);
  const removed = world.truth.lines(routes).slice(health - 1);
  await person(routes, health - 1, removed.length, []);
  await git("commit", "-qam", "Person: drop the health route");
  const drop = (await git("rev-parse", "HEAD")).trim();
  await person(SERVER, 0, 1, ["/** The HTTP server (see docs/server.md). */"]);
  await git("commit", "-qam", "Person: server doc");
  world.truth.files.set(routes, [...world.truth.lines(routes), ...removed]);
  await git("revert", "--no-edit", drop);
  await score("revert brings an agent's lines back");

  // 11. Claude works on a branch; the person's change on main conflicts with it; the person
  // rebases the branch, resolves the conflict keeping both, and merges it with a merge commit.
  const main11 = world.truth.clone();
  await git("checkout", "-q", "-b", "feature/limits");
  await c.prompt("On a branch: make the store's limits configurable, and add a limits module.");
  const q = lineOf(world, STORE, "func ") + 2;
  const maxRows = `maxRows${rng.int(10, 99)}`;
  const agentLimits = [
    `\t${maxRows} := s.limits.Rows(ctx)`,
    `\tif limit > ${maxRows} {`,
    `\t\tlimit = ${maxRows}`,
    "\t}",
  ];
  await c.edit(STORE, q, 2, agentLimits);
  await c.shell('git commit -qam "Configurable limits"');
  await c.create("src/limits.ts", tsModule(rng, "Limits", 2, 8));
  await c.shell('git add -A && git commit -qm "Limits module"');
  await c.stop();
  const feature11 = world.truth.clone();
  await git("checkout", "-q", "main");
  world.truth.assign(main11);
  const mine = `\tlimit = min(limit, ${rng.int(100, 999)}) // pat: hard cap`;
  await person(STORE, q, 2, [mine]);
  await git("commit", "-qam", "Person: hard cap");
  const main11b = world.truth.clone();
  await git("checkout", "-q", "feature/limits");
  world.truth.assign(feature11);
  const rebase = await world.gitTry({}, "rebase", "-q", "main");
  if (rebase.code === 0) throw new Error("the rebase was meant to conflict");
  world.truth.splice(STORE, q + agentLimits.length, 0, [mine], HUMAN);
  await world.sync(STORE);
  await git("add", STORE);
  await world.gitWith({ GIT_EDITOR: "true" }, "rebase", "--continue");
  await score("rebase conflict resolved by the person");
  const feature11b = world.truth.clone();
  await git("checkout", "-q", "main");
  world.truth.assign(main11b);
  await person(CONFIG, 0, 1, ["# Service configuration (staging and production)."]);
  await git("commit", "-qam", "Person: config title");
  const title = world.truth.lines(CONFIG)[0]!;
  world.truth.assign(feature11b);
  world.truth.splice(CONFIG, 0, 1, [title.text], HUMAN);
  await git("merge", "--no-ff", "-q", "-m", "Merge feature/limits", "feature/limits");
  await git("branch", "-q", "-d", "feature/limits");
  await score("merge commit of the feature");

  // 12. The user runs repair.
  const repair = await world.atrace(["repair"]);
  if (repair.code !== 0) throw new Error(`repair: ${repair.stderr}`);
  await score("repair");
  return scores;
}

/** Takes `path`'s lines (and writers) from `from` (a branch's truth merged in). */
function adopt(truth: Truth, from: Truth, path: string): void {
  truth.files.set(path, from.lines(path).map((l) => ({ ...l })));
}
