/**
 * One agent run's scratch world: an isolated HOME, a fresh git repository, a `git-atrace` launcher
 * on PATH that runs this checkout's main.ts (and keeps the exact bytes of each hook's stdin), and a
 * minimal environment that leaks nothing of the machine's (no agent or model variables).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { userCache } from "./clients.ts";

/** The git-atrace checkout under test. */
export const PROJECT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** A scratch world for one agent run. */
export interface Sandbox {
  name: string;
  root: string;
  /** The agent's HOME. */
  home: string;
  /** The git repository the agent works in. */
  repo: string;
  /** Hook stdin recordings, one file per hook call (`<ns>-<pid>-<agent>-<event>.json`). */
  record: string;
  /** The environment every process of this run gets (agent, hooks, checks). */
  env: Record<string, string>;
}

/** What a process printed and returned. */
export interface Output {
  code: number;
  stdout: string;
  stderr: string;
  /** True when the run was killed for taking too long. */
  timedOut: boolean;
  seconds: number;
}

/** The launcher the agents' hook commands find as `git-atrace` on PATH. */
function launcher(denoDir: string): string {
  const deno = Deno.execPath();
  const run = `'${deno}' run -A --quiet --config='${PROJECT}/deno.json' '${PROJECT}/main.ts'`;
  return [
    "#!/bin/sh",
    "# git-atrace of the checkout under test; a hook's stdin is kept first, byte for byte.",
    `export DENO_DIR='${denoDir}' DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1`,
    'if [ "$1" = hook ] && [ -n "$ATRACE_E2E_RECORD" ]; then',
    '  kept="$ATRACE_E2E_RECORD/$(date +%s%N)-$$-${2:-none}-${3:-none}.json"',
    '  cat > "$kept"',
    `  exec ${run} "$@" < "$kept"`,
    "fi",
    `exec ${run} "$@"`,
    "",
  ].join("\n");
}

/** Runs a command with the sandbox's environment (plus `env`), killing it after `timeout` ms. */
export async function run(
  box: Sandbox,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeout?: number; stdin?: string } = {},
): Promise<Output> {
  const started = performance.now();
  const child = new Deno.Command(cmd, {
    args,
    cwd: opts.cwd ?? box.repo,
    env: { ...box.env, ...opts.env },
    clearEnv: true,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (opts.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(opts.stdin));
    await writer.close();
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, opts.timeout ?? 60_000);
  const out = await child.output();
  clearTimeout(timer);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return {
    code: out.code,
    stdout: decode(out.stdout),
    stderr: decode(out.stderr),
    timedOut,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** Runs git in the sandbox's repository; throws on failure. */
export async function git(box: Sandbox, args: string[]): Promise<string> {
  const out = await run(box, "git", args);
  if (out.code !== 0) throw new Error(`git ${args.join(" ")}: ${out.stderr.trim()}`);
  return out.stdout;
}

/** Runs `git-atrace <args>` (the launcher, as a user's shell would find it). */
export function atrace(box: Sandbox, args: string[]): Promise<Output> {
  return run(box, join(box.root, "bin", "git-atrace"), args, { timeout: 60_000 });
}

/** The sandbox rooted at `root` (made by `createSandbox`): its paths and environment. */
export function sandboxAt(root: string, name: string, clientBins: string[]): Sandbox {
  const home = join(root, "home");
  const record = join(root, "record");
  const path = [
    join(root, "bin"),
    ...clientBins,
    dirname(Deno.execPath()),
    Deno.env.get("PATH") ?? "",
  ]
    .join(":");
  return {
    name,
    root,
    home,
    repo: join(root, "project"),
    record,
    env: {
      PATH: path,
      HOME: home,
      USER: "root",
      LOGNAME: "root",
      SHELL: "/bin/bash",
      LANG: "C.UTF-8",
      TERM: "dumb",
      NO_COLOR: "1",
      TMPDIR: join(root, "tmp"),
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local", "share"),
      XDG_STATE_HOME: join(home, ".local", "state"),
      XDG_CACHE_HOME: join(home, ".cache"),
      GIT_CONFIG_NOSYSTEM: "1",
      ATRACE_E2E_RECORD: record,
    },
  };
}

/** Makes the scratch world: dirs, launcher, repository with one commit, minimal environment. */
export async function createSandbox(name: string, clientBins: string[]): Promise<Sandbox> {
  const root = await Deno.makeTempDir({ prefix: `atrace-e2e-${name}-` });
  const box = sandboxAt(root, name, clientBins);
  for (const dir of [box.home, box.repo, box.record, box.env.TMPDIR!, join(root, "bin")]) {
    await Deno.mkdir(dir, { recursive: true });
  }
  const denoDir = Deno.env.get("DENO_DIR") || join(userCache(), "deno");
  await Deno.writeTextFile(join(root, "bin", "git-atrace"), launcher(denoDir), { mode: 0o755 });
  await git(box, ["init", "-q", "-b", "main"]);
  await git(box, ["config", "user.name", "E2E Developer"]);
  await git(box, ["config", "user.email", "dev@example.com"]);
  await Deno.writeTextFile(join(box.repo, "README.md"), "# project\n");
  await git(box, ["add", "README.md"]);
  await git(box, ["commit", "-q", "-m", "initial commit"]);
  // An empty src/ (git does not track it): Copilot's `create` refuses a missing parent dir.
  await Deno.mkdir(join(box.repo, "src"));
  return box;
}
