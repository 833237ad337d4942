/** Pure path arithmetic for repo-relative file names. */
import { isAbsolute, normalize, relative, resolve, sep } from "node:path";

/** `path` (absolute, or relative to `cwd`) as a repo-relative '/'-separated path, or null when it is outside every root. */
export function repoRelative(path: string, cwd: string, roots: string[]): string | null {
  const abs = isAbsolute(path) ? normalize(path) : resolve(cwd, path);
  for (const root of roots) {
    const rel = relative(root, abs);
    if (rel === "") return null;
    const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    if (!outside) return rel.split(sep).join("/");
  }
  return null;
}

/** The form stored in `.files`: repo-relative inside the repository, absolute outside (as the original did). */
export function storedPath(path: string, cwd: string, roots: string[]): string {
  return repoRelative(path, cwd, roots) ??
    (isAbsolute(path) ? normalize(path) : resolve(cwd, path));
}
