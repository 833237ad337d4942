/** Copilot CLI's `session-state/<id>/events.jsonl` → messages. */
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { Message } from "../../core/model.ts";
import { objOrJson, toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { editOf, EXIT, SHELL_TOOLS } from "./hook.ts";

/** events.jsonl: prompts, answers, tool requests completed by their results (with diffs). */
export function eventsTranscript(): TranscriptParser {
  const pending = new Map<string, Message>();
  return {
    record(value) {
      const line = obj(value);
      const data = obj(line?.data);
      if (!line || !data || line.ephemeral === true) return [];
      const time = str(line.timestamp);
      const at = time ? { time } : {};
      switch (line.type) {
        case "user.message": {
          const text = str(data.content) ?? str(data.transformedContent);
          return text ? [{ kind: "prompt", text, ...at }] : [];
        }
        case "assistant.message":
          return assistantMessages(data, at, pending);
        case "tool.execution_complete":
          return completeMessages(data, at, pending);
        default:
          return [];
      }
    },
    end() {
      const rest = [...pending.values()];
      pending.clear();
      return rest;
    },
  };
}

function assistantMessages(data: Obj, at: { time?: string }, pending: Map<string, Message>) {
  const out: Message[] = [];
  const model = str(data.model);
  const text = str(data.content);
  if (text) out.push({ kind: "text", text, ...at, ...(model ? { model } : {}) });
  for (const request of arr(data.toolRequests).map(obj)) {
    if (!request) continue;
    const name = str(request.name) ?? "tool";
    const args = objOrJson(request.arguments) ?? {};
    const callId = str(request.toolCallId);
    const message = toolMessage(name, args, {
      callId,
      ...at,
      edit: editOf(name, args),
      command: SHELL_TOOLS.has(name) ? str(args.command) : undefined,
    });
    if (callId) pending.set(callId, message);
    else out.push(message);
  }
  return out;
}

function completeMessages(data: Obj, at: { time?: string }, pending: Map<string, Message>) {
  const callId = str(data.toolCallId);
  const tool = callId ? pending.get(callId) : undefined;
  if (callId) pending.delete(callId);
  const out: Message[] = [];
  const result = obj(data.result) ?? {};
  if (tool?.kind === "tool") {
    const edit = editOf(tool.name, obj(tool.input) ?? {}, str(result.detailedContent));
    if (edit) tool.hunks = edit.hunks;
    out.push(tool);
  }
  const text = (str(result.content) ?? str(obj(data.error)?.message) ?? "").replace(EXIT, "");
  if (text) {
    const message: Message = { kind: "result", text, ...at };
    if (callId) message.callId = callId;
    if (data.success === false) message.isError = true;
    out.push(message);
  }
  return out;
}
