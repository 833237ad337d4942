/** Careful reading of the agents' own stores: no symlink is followed out of them, reads are bounded. */
import { join } from "node:path";
import { repoRelative } from "../../core/paths.ts";

/** A file or directory found in an agent's store (symlinks are never listed). */
export interface Entry {
  name: string;
  path: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** The plain files and directories of `dir`; none when it is missing or unreadable. */
export async function entries(dir: string): Promise<Entry[]> {
  const out: Entry[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isSymlink || (!entry.isFile && !entry.isDirectory)) continue;
      out.push({
        name: entry.name,
        path: join(dir, entry.name),
        isFile: entry.isFile,
        isDirectory: entry.isDirectory,
      });
    }
  } catch {
    // An agent's store is optional, and one unreadable folder must not stop the others.
  }
  return out.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** A regular file's info (never a symlink's target), or null. */
export async function fileInfo(path: string): Promise<Deno.FileInfo | null> {
  try {
    const info = await Deno.lstat(path);
    return info.isFile ? info : null;
  } catch {
    return null;
  }
}

/** The first `max` bytes of a regular file as text (a cut character at the end is dropped). */
export async function head(path: string, max: number): Promise<string | null> {
  if (!(await fileInfo(path))) return null;
  try {
    using file = await Deno.open(path, { read: true });
    const buf = new Uint8Array(max);
    let filled = 0;
    while (filled < max) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return new TextDecoder().decode(buf.subarray(0, filled)).replace(/\uFFFD+$/, "");
  } catch {
    return null;
  }
}

/** Reads a growing head of a file until `enough` says it holds what is needed (16 KiB first,
 * then up to `max`): most transcripts name their folder in their first lines. */
export async function headUntil<T>(
  path: string,
  size: number,
  max: number,
  enough: (text: string, complete: boolean) => T | null,
): Promise<T | null> {
  for (let bytes = Math.min(16 * 1024, max);; bytes = Math.min(bytes * 4, max)) {
    const text = await head(path, bytes);
    if (text === null) return null;
    const found = enough(text, size <= bytes);
    if (found !== null || bytes >= max || size <= bytes) return found;
  }
}

/** The complete lines of a file's head (the last one is dropped when the head cut it). */
export function headLines(text: string, complete: boolean): string[] {
  const lines = text.split("\n");
  if (!complete) lines.pop();
  return lines.filter((l) => l.trim() !== "");
}

/** True when `path` is one of `roots` or inside one. */
export function inside(path: string, roots: string[]): boolean {
  return roots.includes(path) || repoRelative(path, "/", roots) !== null;
}

/** ISO time of a file's last change, else of `fallback`. */
export function mtimeOf(info: Deno.FileInfo, fallback = new Date(0)): string {
  return (info.mtime ?? fallback).toISOString();
}

/** An ISO time from a string or epoch milliseconds, or undefined when it is neither. */
export function isoOf(value: unknown): string | undefined {
  const date = typeof value === "number" || typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
