/** File helpers: atomic and private writes, optional reads, private directories and kernel locks. */
import { basename, dirname, join } from "node:path";

/** Mode of every file in the store: readable by its owner only. */
export const PRIVATE_FILE = 0o600;
/** Mode of the store's directories. */
export const PRIVATE_DIR = 0o700;

const POSIX = Deno.build.os !== "windows";

/** What the writers take: text, bytes, or bytes in chunks (written as they come). */
export type FileData = string | Uint8Array | Uint8Array[];

async function writeVia(path: string, data: FileData, mode?: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${crypto.randomUUID().slice(0, 8)}`);
  const options = mode === undefined ? {} : { mode };
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data, options);
    else if (Array.isArray(data)) await Deno.writeFile(tmp, ReadableStream.from(data), options);
    else await Deno.writeFile(tmp, data, options);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/** Writes `data` to `path` through a temp file in the same directory and a rename. */
export function writeAtomic(path: string, data: FileData): Promise<void> {
  return writeVia(path, data);
}

/** Like writeAtomic, for the store: the new file is readable by its owner only (0600). */
export function writePrivate(path: string, data: FileData): Promise<void> {
  return writeVia(path, data, PRIVATE_FILE);
}

/** Appends `text` with one write to a file created 0600 (an existing one is tightened to 0600). */
export async function appendPrivate(path: string, text: string): Promise<void> {
  using file = await Deno.open(path, { append: true, create: true, mode: PRIVATE_FILE });
  await tightenOpen(file, path);
  const data = new TextEncoder().encode(text);
  let written = 0;
  while (written < data.length) written += await file.write(data.subarray(written));
}

/** Removes group and other permissions from an open file (found at `path`) that has them. */
export async function tightenOpen(file: Deno.FsFile, path: string): Promise<void> {
  if (!POSIX) return;
  const mode = (await file.stat()).mode;
  if (mode !== null && (mode & 0o077) !== 0) await Deno.chmod(path, mode & 0o700);
}

/** Creates `path` (and its parents) as a directory only its owner can enter; an existing one is tightened. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await Deno.mkdir(path, { recursive: true, mode: PRIVATE_DIR });
  if (!POSIX) return;
  const info = await Deno.lstat(path);
  if (!info.isDirectory) throw new Error(`'${path}' is not a directory`);
  if (info.mode !== null && (info.mode & 0o077) !== 0) await Deno.chmod(path, info.mode & 0o700);
}

/** Sets a file's mode to 0600 when it is a regular file with more permissions (never follows symlinks). */
export async function tightenFile(path: string): Promise<void> {
  if (!POSIX) return;
  const info = await lstatOrNull(path);
  if (info?.isFile && info.mode !== null && (info.mode & 0o077) !== 0) {
    await Deno.chmod(path, info.mode & 0o700);
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

/** Info about the path itself (a symlink is not followed), or null when it does not exist. */
export async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
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
