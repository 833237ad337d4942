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

/**
 * True when `head` starts one JSON document spread over lines (a pretty-printed session file), not
 * JSON Lines: its first non-empty line is not JSON by itself, and neither is the next complete one
 * (JSON Lines whose first line is damaged go on with whole records).
 */
export function isOneDocument(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, "").split("\n");
  const complete = lines.slice(0, -1);
  const at = lines.findIndex((l) => l.trim() !== "");
  if (at === -1 || !/^\s*[[{]/.test(lines[at]!) || parses(lines[at]!)) return false;
  const next = complete.slice(at + 1).find((l) => l.trim() !== "");
  return next === undefined || !isObjectLine(next);
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function isObjectLine(line: string): boolean {
  try {
    const value = JSON.parse(line);
    return !!value && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}
