/**
 * Kernel file locks (flock): the kernel releases a lock when its holder dies, so there is no stale
 * lock to guess about. A lock file stays in place; whoever removes one does so while holding it,
 * and a waiter that locked a removed file notices (the path names another file) and tries again.
 */
import { type Deadline, wallDeadline } from "./budget.ts";
import { dirname } from "node:path";
import { ensurePrivateDir, PRIVATE_FILE, tightenOpen } from "./fs.ts";

/** Raised when a lock could not be taken before its deadline. */
export class LockTimeout extends Error {
  constructor(readonly path: string) {
    super(`another git-atrace process holds '${path}'; gave up waiting`);
  }
}

/** How long an interactive command waits for a lock before giving up. */
const COMMAND_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the exclusive lock on `path` (created 0600 if missing), waiting until `deadline`; null when
 * it is still held by then.
 */
export async function tryLockUntil(path: string, deadline: Deadline): Promise<Deno.FsFile | null> {
  let delay = 1;
  while (true) {
    const file = await openLockFile(path);
    let keep = false;
    try {
      while (true) {
        if (await file.tryLock(true)) {
          if (await stillNamed(file, path)) {
            await tightenOpen(file, path).catch(() => {});
            keep = true;
            return file;
          }
          break;
        }
        const left = deadline.left();
        if (left <= 0) return null;
        await sleep(Math.min(delay + Math.random() * delay, left));
        delay = Math.min(delay * 2, 20);
      }
    } finally {
      if (!keep) file.close();
    }
  }
}

/** Opens (creating 0600, with its private directory) a lock file. */
async function openLockFile(path: string): Promise<Deno.FsFile> {
  const options = { read: true, write: true, create: true, mode: PRIVATE_FILE };
  try {
    return await Deno.open(path, options);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
    await ensurePrivateDir(dirname(path));
    return await Deno.open(path, options);
  }
}

/** True when `path` still names the open file (a holder may have removed it meanwhile). */
async function stillNamed(file: Deno.FsFile, path: string): Promise<boolean> {
  const [mine, named] = await Promise.all([
    file.stat(),
    Deno.lstat(path).catch(() => null),
  ]);
  return named !== null && named.ino === mine.ino && named.dev === mine.dev;
}

/**
 * Runs `fn` while holding the kernel lock on `path`; waits until `deadline` (30 s from now by
 * default) and throws LockTimeout after it.
 */
export async function withLock<T>(
  path: string,
  fn: () => Promise<T>,
  deadline: Deadline = wallDeadline(COMMAND_WAIT_MS),
): Promise<T> {
  const file = await tryLockUntil(path, deadline);
  if (!file) throw new LockTimeout(path);
  try {
    return await fn();
  } finally {
    file.close();
  }
}
