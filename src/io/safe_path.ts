/**
 * Guards for files that come from outside (a cloned repository, a payload, a teammate's share):
 * no symbolic links followed out of our directories, no devices or FIFOs, bounded sizes.
 */
import { isAbsolute, join, relative, sep } from "node:path";
import { CommandError } from "../core/errors.ts";
import { lstatOrNull } from "./fs.ts";

/** Largest session file read whole (metadata, file lists, event logs, a transcript for export). */
export const MAX_WHOLE_FILE = 256 * 1024 * 1024;
/** Largest small session file (`.json`, `.files`, `.timestamp`) read into a listing. */
export const MAX_SMALL_FILE = 16 * 1024 * 1024;

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/**
 * `dir` when no component of it below `root` is a symbolic link; a CommandError naming the link
 * otherwise (a repository may commit `.agents/sessions -> /anywhere`).
 */
export async function refuseLinked(root: string, dir: string): Promise<string> {
  const rel = relative(root, dir);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return dir;
  let path = root;
  for (const part of rel.split(sep)) {
    path = join(path, part);
    const info = await lstatOrNull(path);
    if (!info) break;
    if (info.isSymlink) {
      const target = await Deno.readLink(path).catch(() => "?");
      throw new CommandError(
        `refusing the share directory '${rel}': '${
          relative(root, path)
        }' is a symbolic link (to '${target}')`,
      );
    }
  }
  return dir;
}

/** Why `info` cannot be read as a session file, or null when it can. */
function refusal(info: Deno.FileInfo): string | null {
  if (info.isSymlink) return "a symbolic link";
  if (info.isDirectory) return "a directory";
  if (!info.isFile) return "not a regular file (a device, FIFO or socket)";
  return null;
}

/** Opens a regular file for reading, never a symlink, device or FIFO; null when it is missing. */
export async function openRegular(path: string): Promise<Deno.FsFile | null> {
  const info = await lstatOrNull(path);
  if (!info) return null;
  const why = refusal(info);
  if (why) throw new CommandError(`refusing to read '${path}': ${why}`);
  const file = await Deno.open(path, { read: true });
  const opened = await file.stat();
  if (!opened.isFile || opened.ino !== info.ino || opened.dev !== info.dev) {
    file.close();
    throw new CommandError(`refusing to read '${path}': it changed while being opened`);
  }
  return file;
}

/** Throws when `size` is over `limit`, naming the file. */
export function checkSize(path: string, size: number, limit: number): void {
  if (size > limit) {
    throw new CommandError(
      `'${path}' is too large (${size} bytes; the limit is ${mib(limit)})`,
    );
  }
}

/** The bytes of a regular file of at most `limit` bytes; null when it is missing. */
export async function readBounded(
  path: string,
  limit = MAX_WHOLE_FILE,
): Promise<Uint8Array | null> {
  const file = await openRegular(path);
  if (!file) return null;
  try {
    const size = (await file.stat()).size;
    checkSize(path, size, limit);
    const buf = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return buf.subarray(0, filled);
  } finally {
    file.close();
  }
}

/** The text of a regular file of at most `limit` bytes; null when it is missing. */
export async function readBoundedText(
  path: string,
  limit = MAX_WHOLE_FILE,
): Promise<string | null> {
  const bytes = await readBounded(path, limit);
  return bytes && new TextDecoder().decode(bytes);
}

/** Synchronous small read for listings: null when missing, not a regular file or over `limit`. */
export function readSmallSync(path: string, limit = MAX_SMALL_FILE): string | null {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch {
    return null;
  }
  if (refusal(info) || info.size > limit) return null;
  try {
    using file = Deno.openSync(path, { read: true });
    const opened = file.statSync();
    if (!opened.isFile || opened.ino !== info.ino) return null;
    const buf = new Uint8Array(opened.size);
    let filled = 0;
    while (filled < buf.length) {
      const n = file.readSync(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return new TextDecoder().decode(buf.subarray(0, filled));
  } catch {
    return null;
  }
}
