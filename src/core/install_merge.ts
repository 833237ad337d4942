/** Pure merging of git-atrace's hooks into (and out of) an agent's JSON config, keeping the rest. */
import { arr, type Obj, obj } from "./json.ts";
import type { HookEntry, InstallSpec } from "../agents/types.ts";

/** A config file that is not a JSON object; install and uninstall leave it untouched. */
export class MalformedConfig extends Error {}

const OURS = /(^|[\s/\\"'])git[- ]atrace(\.exe)?["']?\s+hook\b/;

/** True when a handler runs `git-atrace hook` (in any of its command fields). */
function isOurs(handler: unknown): boolean {
  const h = obj(handler);
  return !!h && ["command", "bash", "powershell"].some((k) => OURS.test(String(h[k] ?? "")));
}

/** Parses a config file's text; an empty or missing file is an empty object. */
export function parseConfig(text: string | null): Obj {
  if (text === null || !text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MalformedConfig(err instanceof Error ? err.message : String(err));
  }
  const doc = obj(value);
  if (!doc) throw new MalformedConfig("not a JSON object");
  if (doc.hooks !== undefined && !obj(doc.hooks)) {
    throw new MalformedConfig("'hooks' is not an object");
  }
  return doc;
}

/** The config as written back: two-space JSON with a final newline. */
export function renderConfig(doc: Obj): string {
  return JSON.stringify(doc, null, 2) + "\n";
}

/** Handlers of ours in `doc`, per event. */
export function ourHandlers(doc: Obj, spec: InstallSpec): Obj[] {
  const hooks = obj(doc.hooks) ?? {};
  return Object.values(hooks).flatMap((list) =>
    arr(list).flatMap((item) =>
      spec.kind === "grouped" ? arr(obj(item)?.hooks).filter(isOurs) : isOurs(item) ? [item] : []
    )
  ).map((h) => h as Obj);
}

/** True when every hook of `spec` is present exactly and no other of ours is. */
export function isInstalled(doc: Obj, spec: InstallSpec): boolean {
  const hooks = obj(doc.hooks) ?? {};
  const present = spec.hooks.every((entry) =>
    arr(hooks[entry.event]).some((item) => matches(item, entry, spec))
  );
  return present && ourHandlers(doc, spec).length === spec.hooks.length;
}

function matches(item: unknown, entry: HookEntry, spec: InstallSpec): boolean {
  if (spec.kind !== "grouped") return same(item, entry.handler);
  const group = obj(item);
  const handlers = arr(group?.hooks);
  return (group?.matcher ?? undefined) === entry.matcher && handlers.length === 1 &&
    same(handlers[0], entry.handler);
}

/** Equal as JSON values, whatever the order of their keys (agents rewrite their settings files). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  const o = obj(value);
  if (!o) return value;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
}

/** `doc` without any of our handlers (emptied groups and events dropped, other keys kept). */
export function removeHooks(doc: Obj, spec: InstallSpec): Obj {
  const hooks = obj(doc.hooks);
  if (!hooks) return doc;
  const next: Obj = {};
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) {
      next[event] = list;
      continue;
    }
    const kept = list.flatMap((item) => {
      if (spec.kind !== "grouped") return isOurs(item) ? [] : [item];
      const group = obj(item);
      if (!group || !Array.isArray(group.hooks) || !group.hooks.some(isOurs)) return [item];
      const rest = group.hooks.filter((h) => !isOurs(h));
      return rest.length ? [{ ...group, hooks: rest }] : [];
    });
    if (kept.length || !list.length) next[event] = kept;
  }
  const out: Obj = { ...doc, hooks: next };
  if (!Object.keys(next).length) delete out.hooks;
  return out;
}

/** `doc` with exactly our hooks of `spec` (unchanged when they are already there). */
export function addHooks(doc: Obj, spec: InstallSpec): Obj {
  if (isInstalled(doc, spec)) return doc;
  const base = removeHooks(doc, spec);
  const out: Obj = { ...spec.skeleton, ...base };
  const hooks: Obj = { ...obj(base.hooks) };
  for (const entry of spec.hooks) {
    const item = spec.kind === "grouped"
      ? { ...(entry.matcher ? { matcher: entry.matcher } : {}), hooks: [entry.handler] }
      : entry.handler;
    hooks[entry.event] = [...arr(hooks[entry.event]), item];
  }
  out.hooks = hooks;
  return out;
}
