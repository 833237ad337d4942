/** Reading a found session's transcript, bounded, into messages batch by batch. */
import type { AgentAdapter } from "../../agents/types.ts";
import type { FileEdit, Message } from "../../core/model.ts";
import { fileInfo } from "../../agents/shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../../agents/types.ts";

/** A transcript larger than this is left alone (and reported). */
const MAX_TRANSCRIPT_BYTES = 2 ** 30;
/** One JSON line longer than this is skipped (and counted). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** A transcript that is one JSON document must be held whole: at most this. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const TAIL_CHARS = 64 * 1024;

/** What reading a transcript gave besides its messages. */
export interface ReadResult {
  /** Exact edits of tool results, by tool-call id. */
  better: Map<string, FileEdit[]>;
  /** Lines that were not JSON, or too long. */
  skipped: number;
  /** The last 64 KiB of text, for the adapter's model and version sniffing. */
  tail: string;
  /** The transcript's text, when it came from a store that is no file (to be stored as is). */
  text?: string;
  /** Size in bytes. */
  bytes: number;
}

/** Why a transcript could not be read. */
class TranscriptError extends Error {}

/** Reads `session`'s transcript, handing each batch of messages to `onBatch`. */
export async function readTranscript(
  session: FoundSession,
  adapter: AgentAdapter,
  store: SessionHistory | undefined,
  onBatch: (messages: Message[]) => void,
): Promise<ReadResult> {
  const reader = new RecordReader(adapter, store, onBatch);
  if (session.path) {
    const info = await fileInfo(session.path);
    if (!info) throw new TranscriptError("is no longer a regular file");
    if (info.size > MAX_TRANSCRIPT_BYTES) {
      throw new TranscriptError(`is too large (${info.size} bytes)`);
    }
    using file = await Deno.open(session.path, { read: true });
    const decoder = new TextDecoder();
    const buf = new Uint8Array(CHUNK_BYTES);
    let bytes = 0;
    while (true) {
      const n = await file.read(buf);
      if (n === null) break;
      bytes += n;
      if (bytes > MAX_TRANSCRIPT_BYTES) throw new TranscriptError("grew too large while read");
      reader.push(decoder.decode(buf.subarray(0, n), { stream: true }));
      if (reader.document !== null) {
        return reader.whole(await wholeText(session.path, info.size), bytes);
      }
    }
    reader.push(decoder.decode());
    return reader.end(bytes);
  }
  const text = session.read ? await session.read() : null;
  if (text === null) throw new TranscriptError("could not be read from the agent's store");
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_TRANSCRIPT_BYTES) throw new TranscriptError(`is too large (${bytes} bytes)`);
  reader.push(text);
  const result = reader.document !== null ? reader.whole(text, bytes) : reader.end(bytes);
  return { ...result, text };
}

async function wholeText(path: string, size: number): Promise<string> {
  if (size > MAX_DOCUMENT_BYTES) throw new TranscriptError(`is too large (${size} bytes)`);
  return await Deno.readTextFile(path);
}

/** Splits text into JSON lines, parses them and feeds the adapter's parser. */
class RecordReader {
  /** Set when the first line is not JSON but the text starts like one JSON document. */
  document: string | null = null;
  private carry = "";
  private overlong = false;
  private first = true;
  private skipped = 0;
  private tail = "";
  private readonly parser;
  private readonly better = new Map<string, FileEdit[]>();
  private readonly results;

  constructor(
    private readonly adapter: AgentAdapter,
    store: SessionHistory | undefined,
    private readonly onBatch: (messages: Message[]) => void,
  ) {
    this.parser = adapter.transcript();
    this.results = store?.resultEdits?.();
  }

  push(chunk: string): void {
    this.tail = (this.tail + chunk).slice(-TAIL_CHARS);
    if (this.overlong) {
      // The rest of a line too long to keep: dropped up to its end.
      const newline = chunk.indexOf("\n");
      if (newline === -1) return;
      chunk = chunk.slice(newline + 1);
      this.overlong = false;
    }
    const text = this.carry + chunk;
    const cut = text.lastIndexOf("\n");
    if (cut === -1) {
      this.carry = text;
      if (this.carry.length > MAX_LINE_BYTES) this.dropLine();
      return;
    }
    this.carry = text.slice(cut + 1);
    const out: Message[] = [];
    for (let start = 0; start <= cut && this.document === null;) {
      const end = text.indexOf("\n", start);
      this.line(text.slice(start, end), out);
      start = end + 1;
    }
    if (out.length) this.onBatch(out);
  }

  end(bytes: number): ReadResult {
    const out: Message[] = [];
    if (this.carry && !this.overlong) this.line(this.carry, out);
    out.push(...this.parser.end());
    if (out.length) this.onBatch(out);
    return { better: this.better, skipped: this.skipped, tail: this.tail, bytes };
  }

  /** The transcript as one JSON document (Cline's pretty-printed files). */
  whole(text: string, bytes: number): ReadResult {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { better: this.better, skipped: 1, tail: this.tail, bytes };
    }
    this.onBatch([...this.parser.record(value), ...this.parser.end()]);
    return { better: this.better, skipped: 0, tail: text.slice(-TAIL_CHARS), bytes };
  }

  private dropLine() {
    this.carry = "";
    this.overlong = true;
    this.skipped++;
  }

  private line(line: string, out: Message[]) {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (this.first && /^\s*[[{]/.test(line)) this.document = line;
      else this.skipped++;
      return;
    } finally {
      this.first = false;
    }
    const exact = this.results?.(value);
    if (exact) this.better.set(exact[0], exact[1]);
    out.push(...this.parser.record(value));
  }
}
