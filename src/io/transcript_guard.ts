/**
 * Which transcript files a hook may copy into the store: a payload's `transcript_path` is hostile
 * input, so only a regular file of the current user, of bounded size, outside /proc, /sys and /dev,
 * whose head reads as the agent's transcript format, is accepted.
 */
import { HEAD_BYTES, looksLikeJsonText } from "../core/transcript_shape.ts";
import type { AgentAdapter } from "../agents/types.ts";

/** Largest transcript copied into the store. */
export const MAX_TRANSCRIPT = 1024 * 1024 * 1024;

const SPECIAL = /^\/(?:proc|sys|dev)(?:\/|$)/;

/** Why `path` must not be copied as `adapter`'s transcript, or null when it may. */
export async function transcriptRefusal(
  path: string,
  adapter: AgentAdapter | undefined,
): Promise<string | null> {
  let real: string;
  try {
    real = await Deno.realPath(path);
  } catch {
    return "it cannot be resolved";
  }
  if (SPECIAL.test(real)) return `it is under ${real.split("/", 2).join("/")}`;
  const info = await Deno.lstat(real).catch(() => null);
  if (!info?.isFile) return "it is not a regular file";
  const uid = Deno.uid();
  if (uid !== null && info.uid !== null && info.uid !== uid) return "it belongs to another user";
  if (info.size > MAX_TRANSCRIPT) return `it is larger than ${MAX_TRANSCRIPT} bytes`;
  const head = await readHead(real);
  if (head === null) return "it cannot be read";
  if (head === "binary") return "it is not UTF-8 text";
  if (head.text.trim() === "") return null;
  if (!looksLikeJsonText(head.text, head.whole)) return "it is not JSON or JSON Lines text";
  const looks = adapter?.looksLikeTranscript?.(fromFirstRecord(head.text)) ?? true;
  if (adapter && !looks && !yieldsMessages(head.text, head.whole, adapter)) {
    return `it does not read as a ${adapter.label} transcript`;
  }
  return null;
}

async function readHead(
  path: string,
): Promise<{ text: string; whole: boolean } | "binary" | null> {
  try {
    using file = await Deno.open(path, { read: true });
    const buf = new Uint8Array(HEAD_BYTES);
    let filled = 0;
    while (filled < buf.length) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    const whole = filled < buf.length;
    try {
      const decoder = new TextDecoder("utf-8", { fatal: true });
      return { text: decoder.decode(buf.subarray(0, filled), { stream: !whole }), whole };
    } catch {
      return "binary";
    }
  } catch {
    return null;
  }
}

/**
 * True when the agent's own parser makes at least one message of the head's first complete JSON
 * Lines records (a minimal transcript, such as the original tool's tests write, has no more).
 */
function yieldsMessages(head: string, whole: boolean, adapter: AgentAdapter): boolean {
  const parser = adapter.transcript();
  const lines = head.split("\n");
  for (const line of (whole ? lines : lines.slice(0, -1)).slice(0, 50)) {
    try {
      if (parser.record(JSON.parse(line)).length) return true;
    } catch {
      // Not a record.
    }
  }
  return false;
}

/**
 * `head` from its first complete line that is a JSON object, when a few damaged lines come before
 * it and the lines after it are objects too (JSON Lines whose first line was cut); unchanged
 * otherwise (a JSON document spread over lines included).
 */
function fromFirstRecord(head: string): string {
  const lines = head.split("\n");
  const complete = lines.slice(0, -1);
  const isRecord = (line: string | undefined) => {
    try {
      const value = JSON.parse(line ?? "");
      return !!value && typeof value === "object" && !Array.isArray(value);
    } catch {
      return false;
    }
  };
  const first = complete.findIndex(isRecord);
  if (first <= 0 || first > 10) return head;
  const next = complete.slice(first + 1).find((l) => l.trim() !== "");
  return next === undefined || isRecord(next) ? lines.slice(first).join("\n") : head;
}
