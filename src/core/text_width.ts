/** Text measured and cut by terminal display width (CJK and emoji take two columns). */
import stringWidth from "string-width";

/** Display width; plain ASCII is measured without string-width's Unicode tables. */
export function displayWidth(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `text` cut to at most `max` columns, ending in `…` when cut (never inside a character). */
export function cutToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return out + "…";
}

/** `text` followed by spaces up to `size` columns. */
export function padToWidth(text: string, size: number): string {
  return text + " ".repeat(Math.max(0, size - displayWidth(text)));
}
