/** Streams a stored session as normalized messages, skipping damaged lines. */
import { adapterByName } from "../agents/registry.ts";
import { claudeCode } from "../agents/claude_code.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { messagesFromEvents, parseEvents } from "../core/events_to_messages.ts";
import type { HookEvent, Message, SessionMeta } from "../core/model.ts";
import { readTextOrNull } from "./fs.ts";
import { sessionPath, type SessionRef } from "./store.ts";

/** Counts what reading skipped, for one warning at the end. */
export interface ReadStats {
  skipped: number;
}

/** The adapter that parses a session's transcript (Claude Code for the original tool's sessions). */
export function adapterFor(meta: SessionMeta | null): AgentAdapter {
  return (meta && adapterByName(meta.agent)) ?? claudeCode;
}

/** A session's hook events, in order. */
export async function readEvents(ref: SessionRef): Promise<HookEvent[]> {
  return parseEvents((await readTextOrNull(sessionPath(ref.dir, ref.id, ".events.jsonl"))) ?? "");
}

/** Yields the session's messages as the transcript is read; falls back to hook events without one. */
export async function* readMessages(
  ref: SessionRef,
  adapter: AgentAdapter,
  stats: ReadStats,
): AsyncGenerator<Message> {
  let count = 0;
  const held: Message[] = [];
  try {
    for await (
      const message of transcriptMessages(sessionPath(ref.dir, ref.id, ".jsonl"), adapter, stats)
    ) {
      count++;
      if (adapter.merge) held.push(message);
      else yield message;
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (adapter.merge && count) yield* adapter.merge(held, await readEvents(ref));
  else if (count === 0) yield* messagesFromEvents(await readEvents(ref));
}

async function* transcriptMessages(path: string, adapter: AgentAdapter, stats: ReadStats) {
  using file = await Deno.open(path, { read: true });
  const parser = adapter.transcript();
  let first = true;
  for await (const line of lines(file.readable)) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (first && /^\s*[[{]/.test(line)) {
        yield* wholeDocument(path, parser, stats);
        return;
      }
      stats.skipped++;
      continue;
    } finally {
      first = false;
    }
    yield* parser.record(value);
  }
  yield* parser.end();
}

async function* wholeDocument(
  path: string,
  parser: ReturnType<AgentAdapter["transcript"]>,
  stats: ReadStats,
) {
  try {
    yield* parser.record(JSON.parse(await Deno.readTextFile(path)));
  } catch {
    stats.skipped++;
  }
  yield* parser.end();
}

/** Splits a byte stream into lines without holding the whole file. */
export async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const parts = (carry + chunk).split("\n");
    carry = parts.pop()!;
    for (const part of parts) yield part;
  }
  if (carry) yield carry;
}

const HEAD_BYTES = 256 * 1024;

/** The first prompt in the first 256 KiB of a transcript, for a session's title. */
export async function firstPrompt(
  path: string,
  adapter: AgentAdapter,
): Promise<string | undefined> {
  let text: string;
  try {
    using file = await Deno.open(path, { read: true });
    const buf = new Uint8Array(HEAD_BYTES);
    const n = await file.read(buf);
    text = new TextDecoder().decode(buf.subarray(0, n ?? 0));
  } catch {
    return undefined;
  }
  const parser = adapter.transcript();
  if (/^\s*[[{]/.test(text) && !text.split("\n", 1)[0]!.trim().endsWith("}")) {
    try {
      return [...parser.record(JSON.parse(text)), ...parser.end()]
        .find((m) => m.kind === "prompt")?.text;
    } catch {
      return undefined;
    }
  }
  for (const line of text.split("\n")) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const prompt = parser.record(value).find((m) => m.kind === "prompt");
    if (prompt) return prompt.text;
  }
  return parser.end().find((m) => m.kind === "prompt")?.text;
}
