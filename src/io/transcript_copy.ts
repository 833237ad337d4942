/**
 * Keeps the store's copy of an agent transcript current, appending only new bytes when it can.
 * Copying stops at a deadline and resumes at the next call (the copy stays a prefix), so a hook
 * keeps its time budget whatever the transcript's size.
 */
import { type Deadline, NEVER } from "./budget.ts";
import { lstatOrNull, PRIVATE_FILE, removeIfExists, statOrNull, tightenOpen } from "./fs.ts";

const PROBE = 4096;
const CHUNK = 1 << 16;

/** How the copy was refreshed. */
export type CopyResult = "missing" | "unchanged" | "appended" | "copied";

/**
 * Brings `dest` up to date with `source`: append when `dest` is still a prefix of it, else start
 * over; copying stops at `deadline`.
 */
export async function refreshCopy(
  source: string,
  dest: string,
  deadline: Deadline = NEVER,
): Promise<CopyResult> {
  const [src, dst] = await Promise.all([statOrNull(source), lstatOrNull(dest)]);
  if (!src?.isFile) return "missing";
  if (dst?.isFile && dst.size <= src.size && await isPrefix(source, dest, dst.size)) {
    if (dst.size === src.size) return "unchanged";
    await appendRange(source, dest, dst.size, deadline);
    return "appended";
  }
  if (dst && !dst.isFile) await removeIfExists(dest);
  await appendRange(source, dest, 0, deadline, true);
  return "copied";
}

/** Compares the first and last 4 KiB of `dest` with `source` at the same offsets. */
async function isPrefix(source: string, dest: string, size: number): Promise<boolean> {
  if (size === 0) return true;
  const offsets = size <= PROBE ? [0] : [0, size - PROBE];
  for (const offset of offsets) {
    const length = Math.min(PROBE, size - offset);
    const [a, b] = await Promise.all([
      readAt(source, offset, length),
      readAt(dest, offset, length),
    ]);
    if (a.length !== b.length || !a.every((byte, i) => byte === b[i])) return false;
  }
  return true;
}

async function readAt(path: string, offset: number, length: number): Promise<Uint8Array> {
  using file = await Deno.open(path, { read: true });
  await file.seek(offset, Deno.SeekMode.Start);
  const buf = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const n = await file.read(buf.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return buf.subarray(0, filled);
}

/** Copies `source` from byte `from` onto the end of `dest` (emptied first with `restart`). */
async function appendRange(
  source: string,
  dest: string,
  from: number,
  deadline: Deadline,
  restart = false,
): Promise<void> {
  using input = await Deno.open(source, { read: true });
  using output = await Deno.open(dest, {
    write: true,
    create: true,
    ...(restart ? { truncate: true } : { append: true }),
    mode: PRIVATE_FILE,
  });
  await tightenOpen(output, dest);
  await input.seek(from, Deno.SeekMode.Start);
  const buf = new Uint8Array(CHUNK);
  while (deadline.left() > 0) {
    const n = await input.read(buf);
    if (n === null) break;
    let written = 0;
    while (written < n) written += await output.write(buf.subarray(written, n));
  }
}
