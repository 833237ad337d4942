/**
 * Records the real agents' captures again: `deno task record-captures [--refresh] [--only a,b]`.
 *
 * `--refresh` first moves the pins in tests/e2e/clients.json to the versions npm serves now
 * (`npm view <package> version`). Then each pinned client plays the e2e scenario (write, edit,
 * commit; a quiet commit; a failed commit) against the scripted model server, with every hook
 * event registered, and its recording replaces tests/fixtures/captures/<agent>/: the exact bytes
 * each hook got on stdin and the client's own transcripts, paths rewritten (repo →
 * /home/dev/project, HOME → /home/dev). Update the versions and session notes in
 * tests/fixtures/captures/README.md by hand, then run `deno task ok`.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DRIVERS } from "../tests/e2e/agents/registry.ts";
import { clientDir, ensureClient, pinnedClients, PINS_FILE } from "../tests/e2e/clients.ts";
import { play } from "../tests/e2e/play.ts";
import { writeFixtures } from "../tests/e2e/record.ts";
import { PROJECT } from "../tests/e2e/sandbox.ts";

const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(line + "\n"));

async function npmVersion(pkg: string): Promise<string> {
  const out = await new Deno.Command("npm", { args: ["view", pkg, "version"], stdin: "null" })
    .output();
  const version = new TextDecoder().decode(out.stdout).trim();
  if (!out.success || !/^\d+\.\d+\.\d+/.test(version)) throw new Error(`npm view ${pkg} failed`);
  return version;
}

async function refreshPins(): Promise<void> {
  const pins = JSON.parse(await Deno.readTextFile(PINS_FILE));
  for (
    const [agent, pin] of Object.entries(pins) as [string, { package: string; version: string }][]
  ) {
    const latest = await npmVersion(pin.package);
    say(
      `${agent}: ${pin.package} ${pin.version}${
        latest === pin.version ? " (latest)" : ` → ${latest}`
      }`,
    );
    pin.version = latest;
  }
  await Deno.writeTextFile(PINS_FILE, JSON.stringify(pins, null, 2) + "\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      refresh: { type: "boolean", default: false },
      only: { type: "string" },
      out: { type: "string", default: join(PROJECT, "tests", "fixtures", "captures") },
    },
  });
  if (values.refresh) await refreshPins();
  const only = values.only?.split(",").map((s) => s.trim());
  const clients = await pinnedClients();
  let failed = 0;
  for (
    const driver of DRIVERS.filter((d) => !only || only.includes(d.name) || only.includes(d.agent))
  ) {
    const client = clients.find((c) => c.agent === driver.agent)!;
    const installed = await ensureClient(client);
    if (installed.error) throw new Error(`${client.package}@${client.version}: ${installed.error}`);
    await driver.prepare?.(clientDir(client), client.version);
    const run = await play(driver, client, { record: true });
    const problems = [
      run.error,
      ...run.unexpected.map((e) => `unexpected request #${e.n} ${e.path}: ${e.outcome}`),
      ...run.sessions.filter((s) => !run.finished.has(s.script.name))
        .map((s) => `session ${s.script.name} did not reach its final answer`),
    ].filter(Boolean);
    if (problems.length) {
      failed++;
      say(
        `${driver.name}: not recorded (sandbox kept: ${run.box.root}):\n  ${problems.join("\n  ")}`,
      );
      continue;
    }
    const target = join(values.out, driver.recording.dir);
    const staging = `${target}.new`;
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    const files = await writeFixtures(run, staging);
    await Deno.remove(target, { recursive: true }).catch(() => {});
    await Deno.rename(staging, target);
    await Deno.remove(run.box.root, { recursive: true });
    say(`${driver.name} (${client.package}@${client.version}): ${files.length} files in ${target}`);
  }
  return failed ? 1 : 0;
}

Deno.exit(await main());
