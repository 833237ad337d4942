/**
 * The conformance suite against the real agent CLIs (`deno task e2e`): installs the pinned clients
 * into a cache, plays the scripted scenario with each against a model server on 127.0.0.1, and
 * checks what git-atrace captured through its own commands. Options: `--only a,b` (run names),
 * `--jobs N` (runs at once, default 2), `--keep` (keep every sandbox, not only failing ones),
 * `--recheck <sandbox>` (the checks again on a kept sandbox, without the agent).
 */
import { parseArgs } from "node:util";
import { DRIVERS, NOT_DRIVEN } from "./agents/registry.ts";
import { check, type CheckResult } from "./checks.ts";
import { clientDir, ensureClient, pinnedClients } from "./clients.ts";
import { type AgentRun, loadRun, play } from "./play.ts";

const out = (line = "") => Deno.stdout.writeSync(new TextEncoder().encode(line + "\n"));

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      only: { type: "string" },
      jobs: { type: "string", default: "2" },
      keep: { type: "boolean", default: false },
      recheck: { type: "string", multiple: true },
    },
  });
  if (values.recheck) return await recheck(values.recheck);
  const started = performance.now();
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)}s`;
  const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
  const drivers = DRIVERS.filter((d) => !only || only.includes(d.name) || only.includes(d.agent));
  if (!drivers.length) {
    out(`no run matches --only ${values.only} (runs: ${DRIVERS.map((d) => d.name).join(", ")})`);
    return 2;
  }
  for (const [agent, why] of Object.entries(NOT_DRIVEN)) out(`${agent}: not driven: ${why}`);

  const clients = (await pinnedClients()).filter((c) => drivers.some((d) => d.agent === c.agent));
  const installs = await Promise.all(clients.map(async (client) => {
    const result = await ensureClient(client);
    for (const driver of drivers.filter((d) => d.agent === client.agent && !result.error)) {
      await driver.prepare?.(clientDir(client), client.version).catch((error) => {
        result.error = `${driver.name}: preparing failed: ${error}`;
      });
    }
    return result;
  }));
  for (const i of installs) {
    const how = i.error ? `FAILED: ${i.error}` : i.cached ? "cached" : `installed in ${i.seconds}s`;
    out(`${i.client.package}@${i.client.version}: ${how}`);
  }
  out(`clients ready after ${elapsed()}`);

  const results: CheckResult[] = [];
  const queue = [...drivers];
  const worker = async () => {
    for (let driver = queue.shift(); driver; driver = queue.shift()) {
      const client = clients.find((c) => c.agent === driver.agent)!;
      const failedInstall = installs.find((i) => i.client === client && i.error);
      if (failedInstall) {
        results.push({
          run: driver.name,
          name: "client installs",
          ok: false,
          detail: failedInstall.error!,
        });
        continue;
      }
      const agentRun = await play(driver, client);
      const checks = await check(agentRun);
      results.push(...checks);
      const failed = checks.filter((c) => !c.ok);
      const lines = [report(agentRun, checks, `${client.package}@${client.version}`)];
      if (agentRun.leftovers.length) {
        lines.push(
          `  note: ended processes the client left running: ${agentRun.leftovers.join(" ")}`,
        );
      }
      if (failed.length || values.keep) lines.push(`  sandbox kept: ${agentRun.box.root}`);
      else await Deno.remove(agentRun.box.root, { recursive: true }).catch(() => {});
      out(lines.join("\n"));
    }
  };
  const jobs = Math.max(1, Number(values.jobs) || 1);
  await Promise.all(Array.from({ length: Math.min(jobs, drivers.length) }, worker));

  const failed = results.filter((r) => !r.ok);
  out(`\nreal agents: ${drivers.map((d) => d.name).join(", ")} in ${elapsed()}`);
  out(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

/** Runs the checks again on kept sandboxes (after a fix that needs no new capture). */
async function recheck(roots: string[]): Promise<number> {
  let failed = 0;
  for (const root of roots) {
    const agentRun = await loadRun(root, DRIVERS);
    const checks = await check(agentRun);
    failed += checks.filter((c) => !c.ok).length;
    out(report(agentRun, checks));
  }
  return failed ? 1 : 0;
}

/** One run's block: a header, then each check and why it failed. */
function report(agentRun: AgentRun, checks: CheckResult[], client = ""): string {
  const failed = checks.filter((c) => !c.ok);
  return [
    `\n${agentRun.driver.name}${client ? ` (${client})` : ""}: ${
      checks.length - failed.length
    } passed, ${failed.length} failed, ${agentRun.seconds}s`,
    ...checks.map((c) =>
      `  ${c.ok ? "ok  " : "FAIL"}  ${c.name}${c.ok ? "" : `\n        ${c.detail}`}`
    ),
  ].join("\n");
}

Deno.exit(await main());
