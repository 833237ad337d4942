/** The shared body of `install` and `uninstall`: resolve agents, apply each, report what happened. */
import { isAbsolute, relative, sep } from "node:path";
import { adapterByName } from "../agents/registry.ts";
import { FatalError, UsageError } from "../core/errors.ts";
import { INSTALL_SPECS, installSpec } from "../agents/registry.ts";
import type { InstallSpec } from "../agents/types.ts";
import { homeDirs } from "../agents/shared/home_dirs.ts";
import type { Context } from "./context.ts";
import { applySpec, configPath, type FileChange, setupState } from "./install_files.ts";
import { findRepo } from "./repo.ts";

/** Options of one install or uninstall run. */
export interface InstallOptions {
  agents: string[];
  global: boolean;
  dryRun: boolean;
  remove: boolean;
}

/** The install specs named by `names` (aliases allowed, each agent once); unknown names are usage errors. */
function specsFor(names: string[], command: string): InstallSpec[] {
  const specs = names.map((name) => {
    const spec = installSpec(adapterByName(name)?.name ?? name);
    if (!spec) {
      const known = INSTALL_SPECS.map((s) => s.agent).join(", ");
      throw new UsageError(`unknown agent '${name}' (known: ${known})`, { cause: command });
    }
    return spec;
  });
  return [...new Set(specs)];
}

/** Runs install or uninstall for every agent named; exit code 1 when any file was left alone. */
export async function runInstall(opts: InstallOptions, ctx: Context): Promise<number> {
  const command = opts.remove ? "uninstall" : "install";
  const specs = specsFor(opts.agents, command);
  const repo = await findRepo(ctx.cwd);
  const root = repo?.root ?? null;
  if (!opts.global && !root) {
    throw new FatalError(`not in a git repository; use --global to ${command} for your user`);
  }
  let failed = false;
  for (const spec of specs) {
    const path = configPath(spec, root, opts.global);
    if (!path) {
      await ctx.stderr.write(
        `error: ${spec.agent} has no user-level hook config; run '${command} ${spec.agent}' in each repository\n`,
      );
      failed = true;
      continue;
    }
    const changes = await applySpec(spec, path, opts.remove, opts.dryRun);
    for (const change of changes) {
      failed = (await report(spec, change, root, opts, ctx)) || failed;
    }
    if (!opts.remove && spec.note && changes.some((c) => c.state === "written") && !opts.dryRun) {
      await ctx.stdout.write(`${spec.agent}: next: ${spec.note}\n`);
    }
  }
  return failed ? 1 : 0;
}

async function report(
  spec: InstallSpec,
  change: FileChange,
  root: string | null,
  opts: InstallOptions,
  ctx: Context,
): Promise<boolean> {
  const shown = display(change.path, root, opts.global);
  const verb = (done: string, todo: string) => opts.dryRun ? `would ${todo}` : done;
  const backup = change.backup ? ` (backup: ${display(change.backup, root, opts.global)})` : "";
  switch (change.state) {
    case "written":
      await ctx.stdout.write(
        `${spec.agent}: ${
          opts.remove
            ? verb("removed its hooks from", "remove its hooks from")
            : verb("wrote", "write")
        } ${shown}${backup}\n`,
      );
      if (opts.dryRun && change.content) {
        await ctx.stdout.write(change.content.replace(/^/gm, "    ").trimEnd() + "\n");
      }
      return false;
    case "removed":
      await ctx.stdout.write(`${spec.agent}: ${verb("removed", "remove")} ${shown}${backup}\n`);
      return false;
    case "unchanged":
      await ctx.stdout.write(
        `${spec.agent}: ${opts.remove ? "kept" : "already set up in"} ${shown}\n`,
      );
      return false;
    case "absent":
      await ctx.stdout.write(`${spec.agent}: not set up in ${shown}\n`);
      return false;
    case "malformed":
      await ctx.stderr.write(
        `error: ${spec.agent}: '${shown}' is malformed (${change.detail}); left untouched\n`,
      );
      return true;
    case "conflict":
      await ctx.stderr.write(
        `error: ${spec.agent}: '${shown}' is ${change.detail}; left untouched\n`,
      );
      return true;
  }
}

/** A path as the user reads it: repo-relative for project files, `~/…` for user files. */
export function display(path: string, root: string | null, global: boolean): string {
  if (!global && root) return relative(root, path);
  const inHome = relative(homeDirs().home, path);
  if (inHome === "" || inHome.startsWith("..") || isAbsolute(inHome)) return path;
  return `~/${inHome.split(sep).join("/")}`;
}

/** `install` without agents: every agent with where it is set up. */
export async function listAgents(ctx: Context): Promise<number> {
  const repo = await findRepo(ctx.cwd);
  const root = repo?.root ?? null;
  const rows: string[][] = [];
  for (const spec of INSTALL_SPECS) {
    const cells = [spec.agent, spec.label];
    for (const global of [false, true]) {
      const path = configPath(spec, root, global);
      if (!path) {
        cells.push(global ? "-" : "(no repository)");
        continue;
      }
      const { state } = await setupState(spec, path);
      const where = display(path, root, global);
      cells.push(state === "absent" ? "-" : `${state}: ${where}`);
    }
    rows.push(cells);
  }
  const header = ["AGENT", "NAME", "PROJECT", "USER"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i]!)).join("  ") + "\n";
  await ctx.stdout.write(line(header));
  for (const row of rows) await ctx.stdout.write(line(row));
  await ctx.stdout.write("\nSet one up with: git atrace install <agent>… [--global]\n");
  return 0;
}
