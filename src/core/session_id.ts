/** Session ids: validation and prefix resolution. */
import { CommandError, SessionNotFound } from "./errors.ts";

const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const RESERVED_SUFFIXES = [".events", ".lock", ".tmp"];

/** True when `id` is safe to use as a file name in the store. */
export function isValidSessionId(id: string): boolean {
  return ID_PATTERN.test(id) && !RESERVED_SUFFIXES.some((suffix) => id.endsWith(suffix));
}

/** Throws a CommandError naming the id when it is not a valid session id. */
export function assertSessionId(id: string): string {
  if (!isValidSessionId(id)) {
    const shown = id === "" ? "(empty)" : `'${id}'`;
    throw new CommandError(
      `invalid session id ${shown}: use letters, digits, '.', '_' and '-' (no leading dot, at most 128)`,
    );
  }
  return id;
}

/** The shortest an id is shown: the original tool's eight characters. */
const MIN_SHOWN = 8;

/** Shows a session id by a prefix that names it alone (see `shortIds`). */
export type ShortId = (id: string) => string;

/**
 * Session ids shown as git abbreviates: the shortest prefix that no other id in `known` shares (at
 * least 8 characters), so what is shown can be typed back. Ids not in `known` are measured too.
 */
export function shortIds(known: Iterable<string>): ShortId {
  const sorted = [...new Set(known)].sort();
  const cache = new Map<string, string>();
  return (id) => {
    let shown = cache.get(id);
    if (shown === undefined) {
      const at = lowerBound(sorted, id);
      const next = sorted[at] === id ? sorted[at + 1] : sorted[at];
      const shared = Math.max(commonLength(id, sorted[at - 1]), commonLength(id, next));
      shown = id.slice(0, Math.max(MIN_SHOWN, shared + 1));
      cache.set(id, shown);
    }
    return shown;
  };
}

/** The index of the first element of `sorted` that is not less than `value`. */
function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function commonLength(a: string, b: string | undefined): number {
  if (b === undefined) return 0;
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/** Picks the one id that `prefix` names among `ids`; errors when none or several match. */
export function resolvePrefix(prefix: string, ids: Iterable<string>): string {
  if (prefix === "") throw new CommandError("empty session id");
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) throw new SessionNotFound(prefix);
  const all = [...new Set(ids)];
  if (all.includes(prefix)) return prefix;
  const matches = all.filter((id) => id.startsWith(prefix)).sort();
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new SessionNotFound(prefix);
  const list = matches.map((id) => `  ${id}`).join("\n");
  throw new CommandError(`session id '${prefix}' is ambiguous; candidates are:\n${list}`);
}
