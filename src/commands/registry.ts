/**
 * The table of subcommands: name → loader. Each command's modules are loaded only when it runs, so
 * a command pays for its own imports alone (hooks above all, which run on the agent's hot path).
 */
import type { Command } from "../io/context.ts";

const LOADERS: [string, () => Promise<Command>][] = [
  ["list", async () => (await import("./list.ts")).list],
  ["show", async () => (await import("./show.ts")).show],
  ["view", async () => (await import("./view.ts")).view],
  ["files", async () => (await import("./files.ts")).files],
  ["why", async () => (await import("./why.ts")).why],
  ["blame", async () => (await import("./blame.ts")).blame],
  ["log", async () => (await import("./log.ts")).log],
  ["stats", async () => (await import("./stats.ts")).stats],
  ["search", async () => (await import("./search.ts")).search],
  ["web", async () => (await import("./web.ts")).web],
  ["link", async () => (await import("./link.ts")).link],
  ["unlink", async () => (await import("./unlink.ts")).unlink],
  ["share", async () => (await import("./share.ts")).share],
  ["unshare", async () => (await import("./unshare.ts")).unshare],
  ["export", async () => (await import("./export.ts")).exportCommand],
  ["import", async () => (await import("./import.ts")).importCommand],
  ["delete", async () => (await import("./delete.ts")).del],
  ["gc", async () => (await import("./gc.ts")).gc],
  ["init", async () => (await import("./init.ts")).init],
  ["install", async () => (await import("./install.ts")).install],
  ["uninstall", async () => (await import("./uninstall.ts")).uninstall],
  ["doctor", async () => (await import("./doctor.ts")).doctor],
  ["repair", async () => (await import("./repair.ts")).repair],
  ["push", async () => (await import("./push.ts")).push],
  ["fetch", async () => (await import("./fetch.ts")).fetch],
  ["demo", async () => (await import("./demo.ts")).demo],
  ["hook", async () => (await import("./hook.ts")).hook],
  ["completion", async () => (await import("./completion.ts")).completion],
  ["help", async () => (await import("./help.ts")).help],
  ["version", async () => (await import("./version.ts")).version],
];

/** Every command's name, in the order help lists them. */
export const COMMAND_NAMES: string[] = LOADERS.map(([name]) => name);

/** The command called `name`, if any. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const loader = LOADERS.find(([known]) => known === name)?.[1];
  return loader ? await loader() : undefined;
}

/** Every command, in the order help lists them (for help, the man page and completion). */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all(LOADERS.map(([, load]) => load()));
}
