/** Helpers for `looksLikeTranscript`: judging a file's head by its first record. */
import { type Obj, obj } from "../../core/json.ts";

/**
 * True when the first non-empty line of `head` is a JSON object that `test` accepts. A first line
 * cut by the end of the head (a huge record) is judged by its start, which must match `cut`.
 */
export function firstLineIs(head: string, test: (record: Obj) => boolean, cut: RegExp): boolean {
  const text = head.replace(/^\uFEFF/, "").replace(/^\s+/, "");
  const newline = text.indexOf("\n");
  const line = newline < 0 ? text : text.slice(0, newline);
  try {
    const record = obj(JSON.parse(line));
    return !!record && test(record);
  } catch {
    return newline < 0 && text.length > 0 && cut.test(text);
  }
}

/** True when `head` starts a JSON document (object or array) matching `pattern` within its head. */
export function documentIs(head: string, pattern: RegExp): boolean {
  return pattern.test(head.replace(/^\uFEFF/, ""));
}
