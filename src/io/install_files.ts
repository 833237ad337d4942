/** Reading and writing agents' hook configs for install, uninstall and doctor (with backups). */
import { dirname, join } from "node:path";
// The OpenCode plugin's source, as shipped in hooks/opencode/.
import plugin from "../../hooks/opencode/git-atrace.ts" with { type: "text" };
import {
  addHooks,
  isInstalled,
  MalformedConfig,
  ourHandlers,
  parseConfig,
  removeHooks,
  renderConfig,
} from "../core/install_merge.ts";
import { clineScript, SCRIPT_MARK } from "../agents/cline/install.ts";
import type { InstallSpec } from "../agents/types.ts";
import type { Obj } from "../core/json.ts";
import { homeDirs } from "../agents/shared/home_dirs.ts";
import { readTextOrNull, removeIfExists, writeAtomic } from "./fs.ts";

const PLUGIN_MARK = "git-atrace plugin for OpenCode";

/** What happened (or would happen) to one file. */
export interface FileChange {
  path: string;
  state: "written" | "unchanged" | "removed" | "absent" | "malformed" | "conflict";
  backup?: string;
  detail?: string;
  /** The new content, for --dry-run. */
  content?: string;
}

/** Where `spec`'s config lives: under the repository root, or the user's home with `global`. */
export function configPath(spec: InstallSpec, root: string | null, global: boolean): string | null {
  const rel = global ? spec.global : spec.project;
  if (!rel) return null;
  if (!global) return root ? join(root, rel) : null;
  const dirs = homeDirs();
  const claude = Deno.env.get("CLAUDE_CONFIG_DIR");
  if (spec.agent === "claude-code" && claude) return join(claude, "settings.json");
  if (spec.agent === "codex") return join(dirs.codex, "hooks.json");
  if (rel.startsWith(".config/")) return join(dirs.config, rel.slice(".config/".length));
  return join(dirs.home, rel);
}

/** Installs (or, with `remove`, uninstalls) `spec` at `path`; writes nothing when `dryRun`. */
export function applySpec(
  spec: InstallSpec,
  path: string,
  remove: boolean,
  dryRun: boolean,
): Promise<FileChange[]> {
  if (spec.kind === "scripts") return applyScripts(spec, path, remove, dryRun);
  if (spec.kind === "plugin") {
    return applyFile(path, remove ? null : plugin, PLUGIN_MARK, dryRun).then((c) => [c]);
  }
  return applyJson(spec, path, remove, dryRun).then((c) => [c]);
}

async function applyJson(
  spec: InstallSpec,
  path: string,
  remove: boolean,
  dryRun: boolean,
): Promise<FileChange> {
  const text = await readTextOrNull(path);
  let doc: Obj;
  try {
    doc = parseConfig(text);
  } catch (err) {
    if (err instanceof MalformedConfig) return { path, state: "malformed", detail: err.message };
    throw err;
  }
  if (remove && text === null) return { path, state: "absent" };
  const next = remove ? removeHooks(doc, spec) : addHooks(doc, spec);
  const content = renderConfig(next);
  if (next === doc || JSON.stringify(next) === JSON.stringify(doc)) {
    return { path, state: "unchanged" };
  }
  // A file left with nothing but the skeleton held only our hooks: nothing of the user's to back up.
  if (remove && isSkeletonOnly(next, spec)) return await write(path, null, null, dryRun);
  return await write(path, content, text, dryRun);
}

function isSkeletonOnly(doc: Obj, spec: InstallSpec): boolean {
  const keys = Object.keys(doc);
  return keys.every((k) => spec.skeleton && k in spec.skeleton) && !doc.hooks;
}

async function applyScripts(
  spec: InstallSpec,
  dir: string,
  remove: boolean,
  dryRun: boolean,
): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const { event } of spec.hooks) {
    const content = remove ? null : clineScript(event);
    changes.push(await applyFile(join(dir, event), content, SCRIPT_MARK, dryRun, 0o755));
  }
  return changes;
}

/** Writes (or removes, when `content` is null) a whole file that carries `mark`; others are
 * conflicts. Such a file is all ours, so it gets no backup. */
async function applyFile(
  path: string,
  content: string | null,
  mark: string,
  dryRun: boolean,
  mode?: number,
): Promise<FileChange> {
  const text = await readTextOrNull(path);
  if (text === null) {
    if (content === null) return { path, state: "absent" };
    return await write(path, content, null, dryRun, mode);
  }
  if (!text.includes(mark)) {
    const ours = /git[- ]atrace\S*\s+hook\b/.test(text);
    if (content === null || ours) return { path, state: ours ? "unchanged" : "absent" };
    return { path, state: "conflict", detail: "an existing file that git-atrace did not write" };
  }
  if (text === content) return { path, state: "unchanged" };
  return await write(path, content, null, dryRun, mode);
}

/** Writes or removes `path`, first saving `previous` (the user's content, if any) as `<path>.bak`. */
async function write(
  path: string,
  content: string | null,
  previous: string | null,
  dryRun: boolean,
  mode?: number,
): Promise<FileChange> {
  const change: FileChange = { path, state: content === null ? "removed" : "written" };
  if (content !== null) change.content = content;
  if (previous !== null) change.backup = `${path}.bak`;
  if (dryRun) return change;
  if (previous !== null) await writeAtomic(change.backup!, previous);
  if (content === null) {
    await removeIfExists(path);
    return change;
  }
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, content);
  if (mode !== undefined && Deno.build.os !== "windows") await Deno.chmod(path, mode);
  return change;
}

/** How far `spec` is set up at `path`. */
export type SetupState = "installed" | "partial" | "absent" | "malformed";

/** Whether `spec`'s hooks are in place at `path`, and the hook commands found there. */
export async function setupState(
  spec: InstallSpec,
  path: string,
): Promise<{ state: SetupState; commands: string[] }> {
  if (spec.kind === "scripts" || spec.kind === "plugin") {
    const files = spec.kind === "plugin" ? [path] : spec.hooks.map((h) => join(path, h.event));
    const texts = await Promise.all(files.map(readTextOrNull));
    const ours = texts.filter((t) => t !== null && /git[- ]atrace|GIT_ATRACE_BIN/.test(t));
    const commands = ours.flatMap((t) => [...t!.matchAll(/^(\S*git-atrace)\s+hook\b.*$/gm)])
      .map((m) => m[0]);
    const state = ours.length === files.length ? "installed" : ours.length ? "partial" : "absent";
    return {
      state,
      commands: spec.kind === "plugin" && ours.length ? ["git-atrace hook"] : commands,
    };
  }
  let doc: Obj;
  try {
    doc = parseConfig(await readTextOrNull(path));
  } catch {
    return { state: "malformed", commands: [] };
  }
  const handlers = ourHandlers(doc, spec);
  const commands = handlers.map((h) => String(h.command ?? h.bash ?? ""));
  const state = isInstalled(doc, spec) ? "installed" : handlers.length ? "partial" : "absent";
  return { state, commands };
}
