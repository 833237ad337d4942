/** Streams a stored session as normalized messages, skipping damaged lines. */
import { adapterByName } from "../agents/registry.ts";
import { claudeCode } from "../agents/claude-code/adapter.ts";
import { refreshOnRead } from "../agents/shared/transcript_sync.ts";
import type { AgentAdapter } from "../agents/types.ts";
import { messagesFromEvents, parseEvents } from "../core/events_to_messages.ts";
import type { AgentTraceRecord } from "../core/agent_trace.ts";
import { IMPORT_LINE_TYPE, importedRecords } from "../core/import_trace.ts";
import { importedMessages } from "../core/imported_messages.ts";
import type { HookEvent, Hunk, Message, SessionMeta } from "../core/model.ts";
import { hunksByCall, needsPlacing, placeHunks } from "../core/place_hunks.ts";
import { isOneDocument } from "../core/transcript_shape.ts";
import { readHead, readLineBatches } from "./line_reader.ts";
import { openRegular, readBoundedText } from "./safe_path.ts";
import { spooledEvents } from "./spool.ts";
import { eventsPath, readMeta, sessionPath, type SessionRef } from "./store.ts";

/** Counts what reading skipped, for one warning at the end. */
export interface ReadStats {
  skipped: number;
  /** Records of types the agent's parser does not know, by type. */
  unknown?: Record<string, number>;
}

/** The adapter that parses a session's transcript (Claude Code for the original tool's sessions). */
export function adapterFor(meta: SessionMeta | null): AgentAdapter {
  return (meta && adapterByName(meta.agent)) ?? claudeCode;
}

/** Refreshes a local session's transcript copy from its agent, when that has grown since. */
export async function refreshSession(ref: SessionRef, adapter?: AgentAdapter): Promise<void> {
  if (ref.location !== "local") return;
  const meta = await readMeta(ref).catch(() => null);
  const owner = adapter ?? adapterFor(meta);
  if (!meta || owner.name !== meta.agent) return;
  await refreshOnRead(owner, meta, ref.dir, sessionPath(ref.dir, ref.id, ".jsonl"));
}

/** A session's hook events, in order (those still waiting in a local session's spool last). */
export async function readEvents(ref: SessionRef): Promise<HookEvent[]> {
  const logged: HookEvent[] = [];
  try {
    for await (const batch of readLineBatches(await eventsPath(ref))) {
      logged.push(...parseEvents(batch.lines.join("\n")));
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return ref.location === "local" ? logged.concat(await spooledEvents(ref.dir, ref.id)) : logged;
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
  await refreshSession(ref, adapter);
  let count = 0;
  const held: Message[][] = [];
  // Diffs from transcripts often lack line numbers; the hooks recorded where the edits landed.
  let byCall: Map<string, Hunk[]> | null = null;
  const placing = async (batch: Message[]) => {
    if (!batch.some(needsPlacing)) return batch;
    byCall ??= hunksByCall(await readEvents(ref));
    return placeHunks(batch, byCall);
  };
  try {
    for await (
      const batch of transcriptBatches(sessionPath(ref.dir, ref.id, ".jsonl"), adapter, stats)
    ) {
      count += batch.length;
      if (adapter.merge) held.push(batch);
      else if (batch.length) yield await placing(batch);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (adapter.merge && count) {
    yield await placing(adapter.merge(held.flat(), await readEvents(ref)));
  } else if (count === 0) yield messagesFromEvents(await readEvents(ref));
}

/** Largest transcript read as one JSON document (a JSON Lines transcript has no such limit). */
const MAX_DOCUMENT = 64 * 1024 * 1024;
/** How much of a transcript decides whether it is one JSON document. */
const SHAPE_BYTES = 64 * 1024;

/**
 * One batch of messages per chunk read; the whole file's when it is one JSON document. Damaged
 * lines (the first included) and lines over 32 MiB are skipped and counted.
 */
async function* transcriptBatches(
  path: string,
  adapter: AgentAdapter,
  stats: ReadStats,
): AsyncGenerator<Message[]> {
  const parser = adapter.transcript();
  if (isOneDocument(await readHead(path, SHAPE_BYTES))) {
    const whole = await wholeDocument(path, parser);
    if (whole) {
      stats.unknown = parser.unknown?.() ?? {};
      yield whole;
      return;
    }
  }
  let long = 0;
  for await (const batch of readLineBatches(path)) {
    const out: Message[] = [];
    for (const line of batch.lines) {
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        stats.skipped++;
        continue;
      }
      for (const message of importedMessages(value) ?? parser.record(value)) out.push(message);
    }
    stats.skipped += batch.skippedLong - long;
    long = batch.skippedLong;
    yield out;
  }
  const last = parser.end();
  stats.unknown = parser.unknown?.() ?? {};
  yield last;
}

/** The messages of a transcript that is one JSON document; null when it does not parse. */
async function wholeDocument(
  path: string,
  parser: ReturnType<AgentAdapter["transcript"]>,
): Promise<Message[] | null> {
  const text = await readBoundedText(path, MAX_DOCUMENT);
  try {
    return parser.record(JSON.parse(text ?? "")).concat(parser.end());
  } catch {
    return null;
  }
}

/** The Agent Trace records imported into a transcript (its import lines), read line by line. */
export async function readImportedRecords(path: string): Promise<AgentTraceRecord[]> {
  const lines: string[] = [];
  try {
    for await (const batch of readLineBatches(path)) {
      for (const line of batch.lines) if (line.includes(IMPORT_LINE_TYPE)) lines.push(line);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return importedRecords(lines.join("\n"));
}

const TITLE_BYTES = 256 * 1024;

/** The first prompt in the first 256 KiB of a transcript, for a session's title. */
export async function firstPrompt(
  path: string,
  adapter: AgentAdapter,
): Promise<string | undefined> {
  let text: string;
  try {
    text = await readHead(path, TITLE_BYTES);
  } catch {
    return undefined;
  }
  const parser = adapter.transcript();
  if (isOneDocument(text)) {
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

const TAIL_BYTES = 64 * 1024;

/** The last 64 KiB of a regular file as text ("" when it cannot be read). */
export async function readTail(path: string): Promise<string> {
  try {
    const opened = await openRegular(path);
    if (!opened) return "";
    using file = opened;
    const size = (await file.stat()).size;
    await file.seek(Math.max(0, size - TAIL_BYTES), Deno.SeekMode.Start);
    const buf = new Uint8Array(Math.min(size, TAIL_BYTES));
    let filled = 0;
    while (filled < buf.length) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return new TextDecoder().decode(buf.subarray(0, filled));
  } catch {
    return "";
  }
}
