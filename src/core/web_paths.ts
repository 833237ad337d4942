/** Validation of the paths and ids the web API receives: nothing may leave the repository or the store. */
import { posix } from "node:path";

/** `input` as a normalized repo-relative '/' path, or null when it is absolute, escapes or is odd. */
export function safeRepoPath(input: string): string | null {
  if (input === "" || input.length > 4096) return null;
  if (input.includes("\\") || [...input].some((c) => c.charCodeAt(0) < 32)) return null;
  if (input.startsWith("/") || /^[A-Za-z]:/.test(input)) return null;
  const normal = posix.normalize(input);
  if (normal === "." || normal === ".." || normal.startsWith("../")) return null;
  if (normal.split("/").some((part) => part === ".git" || part === "..")) return null;
  return normal.replace(/\/$/, "");
}

/** A non-negative integer query value, clamped to `max`; `fallback` when absent or invalid. */
export function intParam(value: string | null, fallback: number, max: number): number {
  if (value === null || !/^\d{1,9}$/.test(value)) return fallback;
  return Math.min(Number(value), max);
}
