/** Cursor agent transcripts (`{role, message:{content}}` lines) and CLI store blobs → messages. */
import { messagesFromEvents } from "../../core/events_to_messages.ts";
import { arr, obj, str } from "../../core/json.ts";
import type { HookEvent, Message } from "../../core/model.ts";
import { isoTime, toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { editOf, SHELL_TOOLS } from "./hook.ts";

const QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/;

/** Agent-transcript lines (`{role, message:{content}}`) and CLI store blobs (`{role, content}`). */
export function cursorTranscript(): TranscriptParser {
  return {
    record(value) {
      const line = obj(value);
      if (!line) return [];
      const role = str(line.role);
      const content = obj(line.message)?.content ?? line.content;
      const time = isoTime(line.createdAt);
      const at = time ? { time } : {};
      if (role === "user") return userMessages(content, at);
      if (role === "assistant") {
        const model = str(obj(obj(line.providerOptions)?.cursor)?.modelName);
        return assistantMessages(content, at, model);
      }
      if (role === "tool") return toolResults(content, at);
      return [];
    },
    end: () => [],
  };
}

/** The `tool-result` blocks of a tool line; a result that is not a string is shown as JSON. */
function toolResults(content: unknown, at: { time?: string }): Message[] {
  return arr(content).map(obj).flatMap((block) => {
    if (block?.type !== "tool-result") return [];
    const text = typeof block.result === "string"
      ? block.result
      : JSON.stringify(block.result) ?? "";
    const callId = str(block.toolCallId);
    return [{ kind: "result", text, ...(callId ? { callId } : {}), ...at }];
  });
}

function userMessages(content: unknown, at: { time?: string }): Message[] {
  const texts = typeof content === "string"
    ? [content]
    : arr(content).map((b) => str(obj(b)?.text) ?? "");
  const prompts = texts.flatMap((text) => {
    if (/^\s*<user_info>/.test(text)) return [];
    const query = QUERY.exec(text);
    const clean = query ? query[1]! : text.replace(/<timestamp>[\s\S]*?<\/timestamp>\s*/, "");
    return clean.trim() ? [clean.trim()] : [];
  });
  return prompts.length ? [{ kind: "prompt", text: prompts.join("\n"), ...at }] : [];
}

function assistantMessages(content: unknown, at: { time?: string }, model?: string): Message[] {
  if (typeof content === "string") return [{ kind: "text", text: content, ...at }];
  const out: Message[] = [];
  for (const block of arr(content).map(obj)) {
    if (!block) continue;
    if (block.type === "text" && str(block.text) && block.text !== "[REDACTED]") {
      out.push({ kind: "text", text: block.text as string, ...at, ...(model ? { model } : {}) });
    } else if (block.type === "tool_use" || block.type === "tool-call") {
      const name = str(block.name) ?? str(block.toolName) ?? "tool";
      const input = obj(block.input) ?? obj(block.args) ?? {};
      out.push(toolMessage(name, input, {
        callId: str(block.id) ?? str(block.toolCallId),
        ...at,
        edit: editOf(name, input),
        command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
      }));
    }
  }
  return out;
}

/** Adds what the transcript lacks from the hook events: shell output, and everything when it is empty. */
export function mergeHookData(messages: Message[], events: HookEvent[]): Message[] {
  if (!messages.some((m) => m.kind === "prompt" || m.kind === "text" || m.kind === "tool")) {
    return messagesFromEvents(events);
  }
  const outputs = events.filter((e) => e.kind === "shell" && e.command && e.output);
  const out: Message[] = [];
  messages.forEach((message, i) => {
    out.push(message);
    if (message.kind !== "tool" || !message.command) return;
    const next = messages[i + 1];
    if (next?.kind === "result") return;
    const index = outputs.findIndex((e) => e.command === message.command);
    if (index < 0) return;
    const [event] = outputs.splice(index, 1);
    const result: Message = { kind: "result", text: event!.output!, time: event!.time };
    const callId = message.callId ?? `shell-${i}`;
    message.callId = callId;
    result.callId = callId;
    out.push(result);
  });
  return out;
}
