/** The contract every agent adapter fulfils. */
import type { Obj } from "../core/json.ts";
import type { AgentName, HookEvent, Message } from "../core/model.ts";

/** Turns a transcript, one parsed record at a time, into conversation messages. */
export interface TranscriptParser {
  /** Messages for one record (a JSONL line, or one element of a whole-file document). */
  record(value: unknown): Message[];
  /** Messages held back until the end (e.g. records that later ones may replace). */
  end(): Message[];
}

/** One agent's knowledge: payload detection, event normalization and transcript parsing. */
export interface AgentAdapter {
  name: AgentName;
  /** Human name for listings. */
  label: string;
  /** True when a hook payload looks like this agent's. */
  detect(payload: Obj): boolean;
  /** The normalized event for a payload; `hint` is the event named on the command line. */
  toEvent(payload: Obj, now: Date, hint?: string): HookEvent | null;
  /** A fresh transcript parser. */
  transcript(): TranscriptParser;
  /** What the agent requires on stdout from a hook ("" for nothing). */
  hookOutput: string;
  /** Model and agent version found in the tail of a transcript, when the payload lacks them. */
  sniffTranscript?(tail: string): { model?: string; agentVersion?: string };
  /**
   * True when `head` (the first ≤64 KiB of a file, as text) reads as this agent's transcript; a
   * hook copies a payload's transcript path into the store only then.
   */
  looksLikeTranscript?(head: string): boolean;
  /** Completes transcript messages with what only the hook events hold (e.g. Cursor's shell output). */
  merge?(messages: Message[], events: HookEvent[]): Message[];
}
