/** Undoing what an installed copy's runner changed for Deno's sake (see `renderRunner`). */

/**
 * Gives the program the user's home back: the runner hands Deno its own directory as HOME
 * (USERPROFILE on Windows) and keeps the user's in GIT_ATRACE_HOME (empty when there was none).
 */
export function restoreHome(): void {
  const saved = Deno.env.get("GIT_ATRACE_HOME");
  if (saved === undefined) return;
  Deno.env.delete("GIT_ATRACE_HOME");
  const name = Deno.build.os === "windows" ? "USERPROFILE" : "HOME";
  if (saved) Deno.env.set(name, saved);
  else Deno.env.delete(name);
}
