/** Shaping conversation messages for the web API: clipping, prompts per tool call, call lookup. */
import type { Message } from "./model.ts";
import { toolTarget } from "./tool_target.ts";

const TEXT_MAX = 200_000;

/** A message as the API sends it: its position in the session plus the message itself (a tool call
 * with its one-line target). */
export type IndexedMessage = Message & { index: number; target?: string };

/** `text` cut to `max` characters with a note of how much was left out. */
export function clipText(text: string, max = TEXT_MAX): string {
  return text.length > max
    ? `${text.slice(0, max)}\n… (${text.length - max} more characters)`
    : text;
}

/** A copy of `message` with its long texts clipped, numbered `index`. */
export function apiMessage(message: Message, index: number): IndexedMessage {
  if (message.kind !== "tool") return { ...message, text: clipText(message.text), index };
  const target = toolTarget(message);
  const input = message.input === undefined ? undefined : JSON.stringify(message.input);
  if (input && input.length > TEXT_MAX) {
    return { ...message, input: clipText(input), target, index };
  }
  return { ...message, target, index };
}

/** The prompt that led to a tool call: its text and the call's tool name. */
export interface CallPrompt {
  prompt: string;
  tool: string;
}

/** For each tool call id in `messages`, the most recent prompt before it. */
export function promptsByCall(messages: Message[]): Map<string, CallPrompt> {
  const out = new Map<string, CallPrompt>();
  let prompt = "";
  for (const message of messages) {
    if (message.kind === "prompt") prompt = message.text;
    else if (message.kind === "tool" && message.callId && !out.has(message.callId)) {
      out.set(message.callId, { prompt: clipText(prompt, 2000), tool: message.name });
    }
  }
  return out;
}

/** The page of `limit` messages holding `index` (pages start at multiples of `limit`). */
export function pageStart(index: number, limit: number): number {
  return index < 0 ? 0 : Math.floor(index / limit) * limit;
}
