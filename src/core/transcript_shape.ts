/** Whether the first bytes of a file read as an agent transcript: JSON or JSON Lines text. */

/** Bytes of a transcript's head that the shape checks look at. */
export const HEAD_BYTES = 64 * 1024;

/**
 * True when `head` (the first ≤64 KiB of a file, decoded) is JSON text: one document starting with
 * `{` or `[`, or JSON Lines of which some complete line (the first may be damaged) is an object.
 */
export function looksLikeJsonText(head: string, wholeFile: boolean): boolean {
  if (head.includes("\u0000")) return false;
  const text = head.trimStart();
  if (!text.startsWith("{") && !text.startsWith("[")) return false;
  const lines = text.split("\n");
  // The last line may be cut by the head's end unless the whole file was read.
  const complete = wholeFile ? lines : lines.slice(0, -1);
  for (const line of complete.slice(0, 50)) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === "object") return true;
    } catch {
      // A damaged line; a later one may still parse.
    }
  }
  if (wholeFile) {
    try {
      return typeof JSON.parse(text) === "object";
    } catch {
      return false;
    }
  }
  // One document spread over lines: its first line alone is not JSON (`{`, `[`, `{"a": [`).
  return /^[[{]\s*(?:"|\{|\[|$)/.test(text);
}
