/**
 * Shared copies carry no trace of the sharer's machine: paths under the repository become
 * repo-relative (the root itself `.`), paths under the home directory start with `~`, and the
 * transcript's own location is dropped.
 */

/** The sharer's repository root (and its other spellings) and home directory. */
export interface PathContext {
  roots: string[];
  home?: string | undefined;
}

/** Keys whose values name a file on the sharer's machine only. */
const LOCAL_KEYS = ["transcriptPath"];

function usable(path: string | undefined): path is string {
  return !!path && path !== "/" && path.startsWith("/");
}

/** `[from, to]` pairs for text, most specific first (a root under the home before the home). */
function replacements(ctx: PathContext, escape: (s: string) => string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const root of ctx.roots.filter(usable).sort((a, b) => b.length - a.length)) {
    const r = escape(root.replace(/\/+$/, ""));
    pairs.push([`"${r}/`, `"`], [`"${r}"`, `"."`], [`${r}/`, ""]);
  }
  if (usable(ctx.home)) {
    const h = escape(ctx.home.replace(/\/+$/, ""));
    pairs.push([`"${h}"`, `"~"`], [`${h}/`, "~/"]);
  }
  return pairs;
}

/** `line` (JSON text) with the machine's paths rewritten and local-only keys dropped. */
export function localizeJsonLine(line: string, ctx: PathContext): string {
  let out = line;
  if (LOCAL_KEYS.some((key) => out.includes(`"${key}"`))) {
    try {
      out = JSON.stringify(dropLocalKeys(JSON.parse(out)));
    } catch {
      // Not JSON: the paths below are rewritten all the same.
    }
  }
  for (const [from, to] of replacements(ctx, (s) => JSON.stringify(s).slice(1, -1))) {
    out = out.replaceAll(from, to);
  }
  return out;
}

/** A JSON document (pretty or not) localized as one text (re-indented only when a key goes). */
export function localizeJsonDocument(text: string, ctx: PathContext): string {
  if (!LOCAL_KEYS.some((key) => text.includes(`"${key}"`))) return localizeJsonLine(text, ctx);
  try {
    const value = dropLocalKeys(JSON.parse(text));
    const pretty = JSON.stringify(value, null, 2) + (text.endsWith("\n") ? "\n" : "");
    return localizeJsonLine(pretty, ctx);
  } catch {
    return localizeJsonLine(text, ctx);
  }
}

/** Plain text (a `.files` list) with the machine's paths rewritten. */
export function localizeText(text: string, ctx: PathContext): string {
  let out = text.split("\n").map((line) =>
    ctx.roots.filter(usable).reduce(
      (l, root) => (l === root ? "." : l.startsWith(root + "/") ? l.slice(root.length + 1) : l),
      line,
    )
  ).join("\n");
  if (usable(ctx.home)) out = out.replaceAll(ctx.home.replace(/\/+$/, "") + "/", "~/");
  return out;
}

/** Any value with its strings localized and local-only keys dropped (for exports). */
export function localizeValue<T>(value: T, ctx: PathContext): T {
  return JSON.parse(localizeJsonLine(JSON.stringify(value), ctx));
}

function dropLocalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropLocalKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => !LOCAL_KEYS.includes(k)).map((
        [k, v],
      ) => [k, dropLocalKeys(v)]),
    );
  }
  return value;
}
