/** Reading a hook's stdin with a size limit, so a runaway payload cannot stall the agent. */

/** Reads at most `limit` bytes of `stream` as text; null when the input is larger (the rest is drained, so the writer never sees a broken pipe). */
export async function readLimited(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= limit) chunks.push(value);
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
  return new TextDecoder().decode(all);
}
