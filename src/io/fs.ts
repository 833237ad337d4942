/** File helpers: atomic writes, optional reads and a lock file that survives crashed holders. */
import { basename, dirname, join } from "node:path";

/** Writes `data` to `path` through a temp file in the same directory and a rename. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${crypto.randomUUID().slice(0, 8)}`);
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/** The file's text, or null when it does not exist. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/** File info, or null when the path does not exist. */
export async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      return null;
    }
    throw err;
  }
}

/** Removes a file, ignoring one that is already gone. */
export async function removeIfExists(path: string): Promise<boolean> {
  try {
    await Deno.remove(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

const STALE_LOCK_MS = 10_000;
const LIVE_HOLDER_MS = 300_000;
const LOCK_WAIT_MS = 30_000;

/** Runs `fn` while holding `<path>` as an exclusive lock file (it names its holder's pid). */
export async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let delay = 2;
  while (true) {
    try {
      await Deno.writeTextFile(path, `${Deno.pid}\n`, { createNew: true });
      break;
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
      if (await isStale(path)) {
        await removeIfExists(path);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${path}`);
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 50);
    }
  }
  try {
    return await fn();
  } finally {
    await removeIfExists(path);
  }
}

/**
 * A lock is stale when its holder has died: seen through /proc where there is one (a live holder
 * keeps it for up to 5 minutes, in case its pid was reused), else judged by age (10 s).
 */
async function isStale(path: string): Promise<boolean> {
  const info = await statOrNull(path);
  if (!info) return false;
  const age = info.mtime ? Date.now() - info.mtime.getTime() : 0;
  const pid = Number((await readTextOrNull(path))?.trim());
  if (Number.isInteger(pid) && pid > 0 && (await statOrNull("/proc/self"))) {
    return (await statOrNull(`/proc/${pid}`)) === null || age > LIVE_HOLDER_MS;
  }
  return age > STALE_LOCK_MS;
}
