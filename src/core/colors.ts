/** ANSI styles, applied only when colour is on. */

const CODES = {
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  magenta: "\x1b[35m",
  cyan: "\x1b[36m",
} as const;

/** A style name. */
export type Style = keyof typeof CODES;

/** Wraps text in a style (or returns it unchanged when colour is off). */
export type Paint = (style: Style, text: string) => string;

/** A Paint function for colour on or off. */
export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `${CODES[style]}${text}\x1b[0m` : (_style, text) => text;
}

// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** `text` without control characters other than tab and newline, so that text from a transcript
 * cannot send escape sequences to the terminal it is printed on. */
export function plainText(text: string): string {
  return text.replace(CONTROL, "");
}
