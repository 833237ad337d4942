/**
 * The real agent CLIs at their pinned versions (`clients.json`), installed from npm into a cache
 * of our own (`$XDG_CACHE_HOME/git-atrace-e2e/<package>@<version>/`, reused when present), never
 * globally.
 */
import { join } from "node:path";

/** One pinned client. */
export interface Client {
  /** The git-atrace agent name. */
  agent: string;
  package: string;
  version: string;
  /** The executable's name in `node_modules/.bin`. */
  bin: string;
}

/** The pins file, next to this module. */
export const PINS_FILE = new URL("./clients.json", import.meta.url);

/** The pinned clients, in `clients.json` order. */
export async function pinnedClients(): Promise<Client[]> {
  const pins = JSON.parse(await Deno.readTextFile(PINS_FILE)) as Record<
    string,
    Omit<Client, "agent">
  >;
  return Object.entries(pins).map(([agent, pin]) => ({ agent, ...pin }));
}

/** The user's cache directory (`$XDG_CACHE_HOME`, else `~/.cache`). */
export function userCache(): string {
  return Deno.env.get("XDG_CACHE_HOME") || join(Deno.env.get("HOME") ?? "/tmp", ".cache");
}

/** Where one client is installed. */
export function clientDir(client: Client): string {
  return join(
    userCache(),
    "git-atrace-e2e",
    `${client.package.replace("/", "+")}@${client.version}`,
  );
}

/** The client's executable. */
export function clientBin(client: Client): string {
  return join(clientDir(client), "node_modules", ".bin", client.bin);
}

const DONE = ".installed";

/**
 * `npm install <specs>` into `dir` unless a complete install is there (an interrupted one starts
 * over); returns whether it was cached. Throws with npm's last lines when npm fails.
 */
export async function cachedNpmInstall(dir: string, specs: string[]): Promise<boolean> {
  try {
    await Deno.stat(join(dir, DONE));
    return true;
  } catch {
    // not installed yet
  }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "package.json"), '{ "private": true }\n');
  const out = await new Deno.Command("npm", {
    args: ["install", "--save-exact", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
    cwd: dir,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(new TextDecoder().decode(out.stderr).trim().split("\n").slice(-5).join("\n"));
  }
  await Deno.writeTextFile(join(dir, DONE), specs.join(" ") + "\n");
  return false;
}

/** What installing one client took. */
export interface InstallResult {
  client: Client;
  cached: boolean;
  seconds: number;
  error?: string;
}

/** Installs the client unless a complete install is cached. */
export async function ensureClient(client: Client): Promise<InstallResult> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    const cached = await cachedNpmInstall(clientDir(client), [
      `${client.package}@${client.version}`,
    ]);
    return { client, cached, seconds: seconds() };
  } catch (error) {
    return { client, cached: false, seconds: seconds(), error: String(error) };
  }
}
