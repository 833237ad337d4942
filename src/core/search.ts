/** Searching sessions: which message or file holds the text, with a snippet around it. */
import { plainText } from "./colors.ts";
import type { Message } from "./model.ts";

/** One place a session holds the text. */
export interface SearchHit {
  /** `prompt`, `answer`, `tool <name>` or `file`. */
  where: string;
  /** The message's position in the conversation (1-based); absent for files. */
  message?: number;
  /** The text around the match, on one line. */
  snippet: string;
  /** Where the match starts and ends in the snippet. */
  at: [number, number];
}

const AROUND = 40;
/** The most text of one message that is searched (a pasted log can be megabytes). */
const MAX_TEXT = 1024 * 1024;

/** The searchable text of a message and what to call it; null for what search skips. */
function searchable(message: Message): [string, string] | null {
  if (message.kind === "prompt") return ["prompt", message.text];
  if (message.kind === "text") return ["answer", message.text];
  if (message.kind === "tool") {
    const input = message.input === undefined ? "" : JSON.stringify(message.input);
    return [`tool ${message.name}`, [message.command ?? "", ...message.files, input].join("\n")];
  }
  return null;
}

/** The hit for `needle` (lower case) in `text`, or null. */
export function findIn(text: string, needle: string, where: string): SearchHit | null {
  const bounded = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const index = bounded.toLowerCase().indexOf(needle);
  if (index < 0) return null;
  const start = Math.max(0, index - AROUND);
  const end = Math.min(bounded.length, index + needle.length + AROUND);
  const clean = (s: string) => plainText(s).replace(/\s+/g, " ");
  const before = (start > 0 ? "…" : "") + clean(bounded.slice(start, index));
  const match = clean(bounded.slice(index, index + needle.length));
  const after = clean(bounded.slice(index + needle.length, end)) +
    (end < bounded.length ? "…" : "");
  return {
    where,
    snippet: before + match + after,
    at: [before.length, before.length + match.length],
  };
}

/** The hit in one message (numbered `n`), or null. */
export function searchMessage(message: Message, n: number, needle: string): SearchHit | null {
  const target = searchable(message);
  const hit = target && findIn(target[1], needle, target[0]);
  return hit ? { ...hit, message: n } : null;
}
