/** Reading input (standard input or a file) with a size limit, so a runaway payload cannot stall or exhaust us. */
import { resolve } from "node:path";
import { CommandError } from "../core/errors.ts";
import { statOrNull } from "./fs.ts";

/**
 * Reads at most `limit` bytes of `stream`; null when the input is larger. With `drain` the rest is
 * read and dropped (an agent writing a hook's payload never sees a broken pipe) up to twice the
 * limit; without it reading stops at once. Reading also stops once `late.read` resolves
 * (`late.drain` once past the limit): an input that never ends (`/dev/zero`, a pipe left open)
 * then yields what came so far, or null past the limit.
 */
async function readBytesLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  drain: boolean,
  late: Deadlines = { read: new Promise(() => {}), drain: new Promise(() => {}) },
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  const stopReading = late.read.then(() => "late" as const);
  const stopDraining = late.drain.then(() => "late" as const);
  try {
    while (true) {
      const next = await Promise.race([
        reader.read(),
        size > limit ? stopDraining : stopReading,
      ]);
      if (next === "late") {
        await reader.cancel().catch(() => {});
        break;
      }
      if (next.done) break;
      size += next.value.length;
      if (size <= limit) chunks.push(next.value);
      else if (!drain || size > 2 * limit) {
        await reader.cancel().catch(() => {});
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (size > limit) return null;
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** When reading gives up: within the limit, and while draining past it. */
export interface Deadlines {
  read: Promise<unknown>;
  drain: Promise<unknown>;
}

/** A hook's payload as text: at most `limit` bytes, the rest drained, until `late`; null when larger. */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  late?: Deadlines,
): Promise<string | null> {
  const bytes = await readBytesLimited(stream, limit, true, late);
  return bytes && new TextDecoder().decode(bytes);
}

/** The UTF-8 text of `arg` (a file, or `-` for standard input), refusing more than `limit` bytes. */
export async function readInputText(
  arg: string,
  cwd: string,
  stdin: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ name: string; text: string }> {
  const shown = `${limit / 1024 / 1024} MiB`;
  let bytes: Uint8Array;
  if (arg === "-") {
    const data = await readBytesLimited(stdin, limit, false);
    if (data === null) {
      throw new CommandError(`standard input is too large (the limit is ${shown})`);
    }
    bytes = data;
  } else {
    const path = resolve(cwd, arg);
    const info = await statOrNull(path);
    if (!info) throw new CommandError(`cannot read '${arg}': no such file`);
    if (!info.isFile) throw new CommandError(`cannot read '${arg}': not a regular file`);
    if (info.size > limit) {
      throw new CommandError(`'${arg}' is too large (${info.size} bytes; the limit is ${shown})`);
    }
    bytes = await Deno.readFile(path);
  }
  const name = arg === "-" ? "stdin" : arg;
  try {
    return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    throw new CommandError(`'${name}' is not UTF-8 text`);
  }
}
