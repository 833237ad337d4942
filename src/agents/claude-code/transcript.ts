/** Claude Code's JSONL transcript (`~/.claude/projects/<slug>/<session>.jsonl`) → messages. */
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { Message } from "../../core/model.ts";
import { toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { EDIT_TOOLS, editOf, SHELL_TOOLS } from "./hook.ts";

const NOT_A_PROMPT = /^\s*<(command-|local-command-|task-notification|system-reminder)/;

/** A parser of Claude Code transcript lines. */
export function claudeTranscript(): TranscriptParser {
  return {
    record(value) {
      const line = obj(value);
      if (!line || (line.type !== "user" && line.type !== "assistant")) return [];
      const time = str(line.timestamp);
      if (typeof line.message === "string") {
        const kind = line.type === "user" ? "prompt" : "text";
        return [stamp({ kind, text: line.message }, time)];
      }
      const message = obj(line.message);
      if (!message) return [];
      if (line.type === "user") return line.isMeta === true ? [] : userMessages(message, time);
      return assistantMessages(message, time);
    },
    end: () => [],
  };
}

/** `message` with its `time` (after the fields set so far, as the JSON output orders them). */
function stamp<M extends Message>(message: M, time: string | undefined): M {
  if (time) message.time = time;
  return message;
}

function userMessages(message: Obj, time: string | undefined): Message[] {
  const content = message.content;
  if (typeof content === "string") {
    return NOT_A_PROMPT.test(content) ? [] : [stamp({ kind: "prompt", text: content }, time)];
  }
  const out: Message[] = [];
  let texts: string | undefined;
  for (const item of arr(content)) {
    const block = obj(item);
    let text: string | undefined;
    if (block?.type === "text") {
      text = str(block.text);
      if (text && NOT_A_PROMPT.test(text)) text = undefined;
    } else if (block?.type === "image") {
      text = "[image]";
    } else if (block?.type === "tool_result") {
      const result: Message = stamp({ kind: "result", text: resultText(block.content) }, time);
      if (str(block.tool_use_id)) result.callId = block.tool_use_id as string;
      if (block.is_error === true) result.isError = true;
      out.push(result);
    }
    if (text) texts = texts === undefined ? text : `${texts}\n${text}`;
  }
  if (texts !== undefined) out.unshift(stamp({ kind: "prompt", text: texts }, time));
  return out;
}

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  return arr(content).map((b) => str(obj(b)?.text) ?? "").filter(Boolean).join("\n");
}

function assistantMessages(message: Obj, time: string | undefined): Message[] {
  const model = str(message.model);
  const content = message.content;
  if (typeof content === "string") return [textMessage(content, time, model)];
  const out: Message[] = [];
  for (const item of arr(content)) {
    const block = obj(item);
    if (block?.type === "text" && str(block.text)) {
      out.push(textMessage(block.text as string, time, model));
    } else if (block?.type === "thinking" && str(block.thinking)) {
      out.push(stamp({ kind: "thinking", text: block.thinking as string }, time));
    } else if (block?.type === "tool_use") {
      out.push(toolUseMessage(block, time));
    }
  }
  return out;
}

function textMessage(text: string, time: string | undefined, model: string | undefined): Message {
  const message: Message = stamp({ kind: "text", text }, time);
  if (model) message.model = model;
  return message;
}

function toolUseMessage(block: Obj, time: string | undefined): Message {
  const name = str(block.name) ?? "tool";
  const input = obj(block.input) ?? {};
  return toolMessage(name, input, {
    callId: str(block.id),
    time,
    edit: EDIT_TOOLS.has(name) ? editOf(name, input, {}) : null,
    command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
  });
}
