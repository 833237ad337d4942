/**
 * Streaming a file's lines in bounded memory: a regular file only (see openRegular), read in
 * chunks; a line longer than the limit is skipped, never held whole.
 */
import { openRegular } from "./safe_path.ts";

const CHUNK_BYTES = 64 * 1024;
/** The longest line kept (longer ones are skipped and counted): 32 MiB of text. */
export const MAX_LINE = 32 * 1024 * 1024;

/** One chunk's complete lines, and how many over-long lines were skipped so far. */
export interface LineBatch {
  lines: string[];
  skippedLong: number;
}

/** The lines of `path`, a batch per chunk read; throws NotFound when it is missing. */
export async function* readLineBatches(
  path: string,
  maxLine = MAX_LINE,
): AsyncGenerator<LineBatch> {
  const file = await openRegular(path);
  if (!file) throw new Deno.errors.NotFound(`'${path}' does not exist`);
  using _ = file;
  const decoder = new TextDecoder();
  const buf = new Uint8Array(CHUNK_BYTES);
  let carry = "";
  let skipping = false;
  let skippedLong = 0;
  for (let done = false; !done;) {
    const n = await file.read(buf);
    done = n === null;
    const chunk = decoder.decode(buf.subarray(0, n ?? 0), { stream: !done });
    // Whole lines end at `cut`; at the end of the file the rest is a line too.
    const cut = done ? chunk.length : chunk.lastIndexOf("\n");
    if (cut === -1) {
      if (!skipping) carry += chunk;
      if (carry.length > maxLine) {
        carry = "";
        skipping = true;
        skippedLong++;
      }
      continue;
    }
    let text = carry + chunk.slice(0, cut);
    if (skipping) {
      // The over-long line ends at the chunk's first newline (or with the file).
      const end = chunk.indexOf("\n");
      text = end === -1 || end >= cut ? "" : chunk.slice(end + 1, cut);
      skipping = false;
    }
    carry = chunk.slice(cut + 1);
    const lines = text === "" ? [] : text.split("\n");
    const kept = lines.filter((line) => line.length <= maxLine);
    skippedLong += lines.length - kept.length;
    yield { lines: kept, skippedLong };
  }
}

/** The first `bytes` of a regular file as text ("" when it is missing or empty). */
export async function readHead(path: string, bytes: number): Promise<string> {
  const file = await openRegular(path);
  if (!file) return "";
  using _ = file;
  const buf = new Uint8Array(bytes);
  let filled = 0;
  while (filled < bytes) {
    const n = await file.read(buf.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return new TextDecoder().decode(buf.subarray(0, filled));
}
