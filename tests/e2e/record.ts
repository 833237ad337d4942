/**
 * Turns one agent run into capture fixtures: the exact bytes each hook got on stdin (kept by the
 * sandbox's launcher) named `hook-<event>[-<tool>][-git-commit[-quiet|-fails]].json`, and the
 * client's own transcripts under `home/`, with the sandbox's paths rewritten the way
 * tests/fixtures/captures/README.md describes (repo → /home/dev/project, HOME → /home/dev).
 */
import { createHash } from "node:crypto";
import { basename, dirname, join, relative } from "node:path";
import { DUMMY_KEY } from "./agents/types.ts";
import type { AgentRun } from "./play.ts";

/** Where the recorded repository and HOME appear in fixtures. */
export const FIXTURE_REPO = "/home/dev/project";
export const FIXTURE_HOME = "/home/dev";

/** The replacements that move a sandbox's paths (and values derived from them) to the fixture's. */
export function pathRewrites(repo: string, home: string): [string, string][] {
  const claudeDir = (path: string) => path.replace(/[^a-zA-Z0-9]/g, "-");
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  return [
    [repo, FIXTURE_REPO],
    [home, FIXTURE_HOME],
    // Claude Code's project folder name; the Gemini CLI's projectHash.
    [claudeDir(repo), claudeDir(FIXTURE_REPO)],
    [sha(repo), sha(FIXTURE_REPO)],
  ];
}

/** Applies the rewrites to a text. */
export function rewrite(text: string, rewrites: [string, string][]): string {
  return rewrites.reduce((t, [from, to]) => t.replaceAll(from, to), text);
}

/** A hook recording: `<ns>-<pid>-<agent>-<event>.json`. */
interface Kept {
  ns: bigint;
  event: string;
  bytes: Uint8Array;
}

async function keptHooks(run: AgentRun): Promise<Kept[]> {
  const kept: Kept[] = [];
  const prefix = new RegExp(`^(\\d+)-\\d+-${run.driver.agent}-(.+)\\.json$`);
  for await (const entry of Deno.readDir(run.box.record)) {
    const match = entry.name.match(prefix);
    if (!match) continue;
    const bytes = await Deno.readFile(join(run.box.record, entry.name));
    kept.push({ ns: BigInt(match[1]!), event: match[2]!, bytes });
  }
  return kept.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
}

/** The fixture name of one hook payload, given the session it belongs to. */
export function hookFileName(
  run: AgentRun,
  event: string,
  payload: unknown,
  session: string,
): string {
  const { recording } = run.driver;
  const tool = payload && typeof payload === "object"
    ? recording.tool(payload as Record<string, unknown>)
    : null;
  let name = `hook-${event}`;
  if (tool) name += `-${tool}`;
  if (tool === recording.shellTool) {
    name += "-git-commit" + (session === "quiet" ? "-quiet" : session === "failed" ? "-fails" : "");
  }
  return `${name}.json`;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile) yield path;
  }
}

/** Writes the run's fixtures into `out` (which must be empty); returns the files written. */
export async function writeFixtures(run: AgentRun, out: string): Promise<string[]> {
  const rewrites = pathRewrites(run.box.repo, run.box.home);
  const written: string[] = [];
  const put = async (name: string, bytes: Uint8Array) => {
    const text = rewrite(new TextDecoder().decode(bytes), rewrites);
    if (text.includes(DUMMY_KEY)) throw new Error(`${name} holds the dummy API key`);
    const path = join(out, rewrite(name, rewrites));
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, text);
    written.push(relative(out, path));
  };

  const starts = run.sessions.map((s) => s.started);
  const sessionAt = (ns: bigint) => {
    const ms = Number(ns / 1_000_000n);
    const index = starts.findLastIndex((start) => start <= ms);
    return run.sessions[Math.max(0, index)]?.script.name ?? "main";
  };
  const named = new Set<string>();
  for (const hook of await keptHooks(run)) {
    let payload: unknown = null;
    try {
      payload = JSON.parse(new TextDecoder().decode(hook.bytes));
    } catch {
      // kept under the event's name only
    }
    const name = hookFileName(run, hook.event, payload, sessionAt(hook.ns));
    if (named.has(name)) continue; // the first session that produced a payload keeps the name
    named.add(name);
    await put(name, hook.bytes);
  }

  const { transcripts, extra } = run.driver.recording;
  for await (const path of walk(run.box.home)) {
    const rel = relative(run.box.home, path);
    if (transcripts.some((re) => re.test(rel))) {
      await put(join("home", rel), await Deno.readFile(path));
    }
  }
  if (extra) {
    const scratch = await Deno.makeTempDir({ dir: run.box.root });
    await extra(run.box.home, scratch);
    for await (const path of walk(scratch)) {
      await put(basename(path), await Deno.readFile(path));
    }
  }
  return written.sort();
}
