/** Streams a stored session as normalized messages, skipping damaged lines. */
import { adapterByName } from "../agents/registry.ts";
import { claudeCode } from "../agents/claude-code/adapter.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { messagesFromEvents, parseEvents } from "../core/events_to_messages.ts";
import { importedMessages } from "../core/imported_messages.ts";
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
  for await (const batch of readMessageBatches(ref, adapter, stats)) yield* batch;
}

/** Like `readMessages`, one batch per chunk read (cheaper per message for big transcripts). */
export async function* readMessageBatches(
  ref: SessionRef,
  adapter: AgentAdapter,
  stats: ReadStats,
): AsyncGenerator<Message[]> {
  let count = 0;
  const held: Message[][] = [];
  try {
    for await (
      const batch of transcriptBatches(sessionPath(ref.dir, ref.id, ".jsonl"), adapter, stats)
    ) {
      count += batch.length;
      if (adapter.merge) held.push(batch);
      else if (batch.length) yield batch;
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (adapter.merge && count) yield adapter.merge(held.flat(), await readEvents(ref));
  else if (count === 0) yield messagesFromEvents(await readEvents(ref));
}

const CHUNK_BYTES = 1024 * 1024;

/** One batch of messages per chunk read; the whole file's when it is one JSON document. */
async function* transcriptBatches(
  path: string,
  adapter: AgentAdapter,
  stats: ReadStats,
): AsyncGenerator<Message[]> {
  using file = await Deno.open(path, { read: true });
  const parser = adapter.transcript();
  const decoder = new TextDecoder();
  const buf = new Uint8Array(CHUNK_BYTES);
  let carry = "";
  let first = true;
  for (let done = false; !done;) {
    const n = await file.read(buf);
    done = n === null;
    const chunk = decoder.decode(buf.subarray(0, n ?? 0), { stream: !done });
    // Whole lines end at `cut`; at the end of the file the rest is a line too.
    const cut = done ? chunk.length : chunk.lastIndexOf("\n");
    if (cut === -1) {
      carry += chunk;
      continue;
    }
    const text = carry + chunk.slice(0, cut);
    carry = chunk.slice(cut + 1);
    const out: Message[] = [];
    for (let start = 0; start <= text.length;) {
      const newline = text.indexOf("\n", start);
      const end = newline === -1 ? text.length : newline;
      const line = text.slice(start, end);
      start = end + 1;
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
      for (const message of importedMessages(value) ?? parser.record(value)) out.push(message);
    }
    yield done ? out.concat(parser.end()) : out;
  }
}

async function* wholeDocument(
  path: string,
  parser: ReturnType<AgentAdapter["transcript"]>,
  stats: ReadStats,
) {
  let out: Message[] = [];
  try {
    out = parser.record(JSON.parse(await Deno.readTextFile(path)));
  } catch {
    stats.skipped++;
  }
  yield out.concat(parser.end());
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
