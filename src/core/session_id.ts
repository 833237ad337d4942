/** Session ids: validation and prefix resolution. */
import { CommandError } from "./errors.ts";

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

/** The first eight characters of an id, as the original tool showed it. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Picks the one id that `prefix` names among `ids`; errors when none or several match. */
export function resolvePrefix(prefix: string, ids: Iterable<string>): string {
  if (prefix === "") throw new CommandError("empty session id");
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) throw new CommandError(`no session matches '${prefix}'`);
  const all = [...new Set(ids)];
  if (all.includes(prefix)) return prefix;
  const matches = all.filter((id) => id.startsWith(prefix)).sort();
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new CommandError(`no session matches '${prefix}'`);
  const list = matches.map((id) => `  ${id}`).join("\n");
  throw new CommandError(`session id '${prefix}' is ambiguous; candidates are:\n${list}`);
}
