/** Plays the scenario with one real agent CLI: sandbox, model server, install, sessions, teardown. */
import { join } from "node:path";
import { killSandboxProcesses } from "./agents/processes.ts";
import type { Driver } from "./agents/types.ts";
import { type Client, clientBin, clientDir } from "./clients.ts";
import {
  atrace,
  createSandbox,
  git,
  type Output,
  run,
  type Sandbox,
  sandboxAt,
} from "./sandbox.ts";
import { sessions, type SessionScript } from "./scenario.ts";
import { type LogEntry, startModelServer } from "./servers/model_server.ts";

/** One session as it ran. */
export interface SessionRun {
  script: SessionScript;
  /** When the client was started (ms since the epoch). */
  started: number;
  output: Output;
  headBefore: string;
  headAfter: string;
  /** Session ids `list` showed after this run that it did not show before. */
  newIds: string[];
}

/** One agent run, ready for the checks. */
export interface AgentRun {
  driver: Driver;
  box: Sandbox;
  install: Output;
  sessions: SessionRun[];
  /** The model server's view: every request, the unexpected ones, the finished sessions. */
  requests: LogEntry[];
  unexpected: LogEntry[];
  finished: Set<string>;
  serverLog: string;
  /** Processes the client left running after its teardown (ended by the harness). */
  leftovers: number[];
  /** Set when the run could not go on (setup failed); the checks then fail. */
  error?: string;
  seconds: number;
}

/** How long one agent CLI invocation may take before it is killed. */
const SESSION_TIMEOUT = 150_000;

async function sessionIds(box: Sandbox): Promise<string[]> {
  const out = await atrace(box, ["list", "--json"]);
  try {
    return (JSON.parse(out.stdout) as { id: string }[]).map((s) => s.id);
  } catch {
    return [];
  }
}

async function head(box: Sandbox): Promise<string> {
  return (await git(box, ["rev-parse", "HEAD"])).trim();
}

/** Runs the driver's sessions against a fresh model server; `record` widens the hooks first. */
export async function play(
  driver: Driver,
  client: Client,
  opts: { record?: boolean } = {},
): Promise<AgentRun> {
  const started = performance.now();
  const bin = clientBin(client);
  const box = await createSandbox(driver.name, [join(bin, "..")]);
  const scripts = sessions(driver.quote).filter((s) => driver.sessions.includes(s.name));
  const serverLog = join(box.root, "model-server.jsonl");
  await using server = await startModelServer(
    driver.shape,
    scripts,
    (action, id, turn) => driver.dialect(action, id, turn, box.repo),
    serverLog,
  );
  const agentRun: AgentRun = {
    driver,
    box,
    install: await atrace(box, ["install", driver.agent]),
    sessions: [],
    requests: server.entries,
    unexpected: server.unexpected,
    finished: server.finished,
    serverLog,
    leftovers: [],
    seconds: 0,
  };
  const ctx = { box, server, bin, clientDir: clientDir(client), url: server.url };
  let env: Record<string, string> = {};
  try {
    if (opts.record) await driver.widenHooks?.(ctx);
    await git(box, ["add", "-A"]);
    await git(box, ["commit", "-q", "-m", `set up ${driver.agent} hooks`]);
    env = await driver.setup(ctx);
    let known = await sessionIds(box);
    for (const script of scripts) {
      const headBefore = await head(box);
      const started = Date.now();
      const output = await run(box, bin, driver.argv(script.prompt), {
        env,
        timeout: SESSION_TIMEOUT,
      });
      const base = join(box.root, `${script.name}.`);
      await Deno.writeTextFile(base + "stdout", output.stdout);
      await Deno.writeTextFile(base + "stderr", output.stderr);
      const ids = await sessionIds(box);
      agentRun.sessions.push({
        script,
        started,
        output,
        headBefore,
        headAfter: await head(box),
        newIds: ids.filter((id) => !known.includes(id)),
      });
      known = ids;
    }
  } catch (error) {
    agentRun.error = String(error instanceof Error ? error.message : error);
  } finally {
    await driver.teardown?.(ctx, env).catch((error) => {
      agentRun.error ??= `teardown: ${error}`;
    });
    agentRun.leftovers = await killSandboxProcesses(box);
  }
  agentRun.seconds = Math.round((performance.now() - started) / 100) / 10;
  await Deno.writeTextFile(join(box.root, RUN_FILE), JSON.stringify(saved(agentRun), null, 1));
  return agentRun;
}

/** Where a sandbox keeps what its run did, for `--recheck`. */
const RUN_FILE = "run.json";

const trimmed = (output: Output): Output => ({
  ...output,
  stdout: output.stdout.slice(-2000),
  stderr: output.stderr.slice(-2000),
});

function saved(agentRun: AgentRun) {
  return {
    driver: agentRun.driver.name,
    install: trimmed(agentRun.install),
    sessions: agentRun.sessions.map((s) => ({
      ...s,
      script: s.script.name,
      output: trimmed(s.output),
    })),
    requests: agentRun.requests,
    unexpected: agentRun.unexpected,
    finished: [...agentRun.finished],
    serverLog: agentRun.serverLog,
    leftovers: agentRun.leftovers,
    error: agentRun.error,
    seconds: agentRun.seconds,
  };
}

/** The run a kept sandbox recorded, so its checks can run again without the agent. */
export async function loadRun(root: string, drivers: Driver[]): Promise<AgentRun> {
  const data = JSON.parse(await Deno.readTextFile(join(root, RUN_FILE))) as ReturnType<
    typeof saved
  >;
  const driver = drivers.find((d) => d.name === data.driver);
  if (!driver) throw new Error(`${root}: unknown run '${data.driver}'`);
  const scripts = sessions(driver.quote);
  const { error, ...rest } = data;
  return {
    ...rest,
    ...(error ? { error } : {}),
    driver,
    box: sandboxAt(root, driver.name, []),
    sessions: data.sessions.map((s) => ({
      ...s,
      script: scripts.find((x) => x.name === s.script)!,
    })),
    finished: new Set(data.finished),
  };
}
