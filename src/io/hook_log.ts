/** The hook's own log, `<common dir>/trace/log`: hooks never print their failures. */
import { join } from "node:path";
import { plainText } from "../core/colors.ts";
import { appendPrivate, ensurePrivateDir } from "./fs.ts";
import { type Repo, traceDir } from "./repo.ts";

const MAX_LOG_BYTES = 1 << 20;

/** Where failures go when no repository can be found (git missing or broken, payload unusable). */
export function userLogDir(env: (name: string) => string | undefined): string | null {
  const home = env("HOME") || env("USERPROFILE");
  const state = env("XDG_STATE_HOME") || (home && join(home, ".local", "state"));
  return state ? join(state, "git-atrace") : null;
}

/** Appends one line to the repository's trace log (or the user's, without a repository), rotating it past 1 MiB; never throws. */
export async function logHookFailure(
  repo: Repo | string,
  agent: string,
  message: string,
): Promise<void> {
  try {
    const dir = typeof repo === "string" ? repo : traceDir(repo);
    await ensurePrivateDir(dir);
    const path = join(dir, "log");
    const info = await Deno.stat(path).catch(() => null);
    if (info && info.size > MAX_LOG_BYTES) await Deno.rename(path, `${path}.1`);
    const line = `${new Date().toISOString()} ${agent}: ${
      plainText(message.replace(/\s+/g, " "))
    }\n`;
    await appendPrivate(path, line);
  } catch {
    // Nowhere left to report to: a hook must stay silent.
  }
}
