/** Reading standard input with a size limit, so a runaway payload cannot stall or exhaust us. */

/**
 * Reads at most `limit` bytes of `stream`; null when the input is larger. With `drain` the rest is
 * read and dropped (an agent writing a hook's payload never sees a broken pipe); without it
 * reading stops at once.
 */
export async function readBytesLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  drain: boolean,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= limit) chunks.push(value);
      else if (!drain) {
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

/** A hook's payload as text: at most `limit` bytes, the rest drained; null when larger. */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<string | null> {
  const bytes = await readBytesLimited(stream, limit, true);
  return bytes && new TextDecoder().decode(bytes);
}
