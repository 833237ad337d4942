/** Gemini CLI chat files (`~/.gemini/tmp/<project>/chats/session-*.jsonl`, legacy `.json`) → messages. */
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { Message } from "../../core/model.ts";
import { toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { EDIT_TOOLS, editOf, SHELL_TOOLS } from "./hook.ts";

/** Gemini chat records: re-appended ids replace earlier ones; `$rewindTo` drops its target and what follows. */
export function geminiTranscript(): TranscriptParser {
  const records = new Map<string, Obj>();
  const add = (value: unknown) => {
    const record = obj(value);
    if (!record) return;
    if (Array.isArray(record.messages)) {
      for (const message of record.messages) add(message);
      return;
    }
    const rewind = str(record.$rewindTo);
    if (rewind !== undefined) {
      // Rewinding to a message drops it and everything after it (it goes back to the prompt box).
      const ids = [...records.keys()];
      const index = ids.indexOf(rewind);
      if (index >= 0) ids.slice(index).forEach((id) => records.delete(id));
      return;
    }
    const id = str(record.id);
    if (id && str(record.type)) {
      records.delete(id);
      records.set(id, record);
    }
  };
  return {
    record(value) {
      add(value);
      return [];
    },
    end: () => [...records.values()].flatMap(recordMessages),
  };
}

function recordMessages(record: Obj): Message[] {
  const time = str(record.timestamp);
  const at = time ? { time } : {};
  if (record.type === "user") {
    const text = contentText(record.content);
    return text ? [{ kind: "prompt", text, ...at }] : [];
  }
  if (record.type !== "gemini") return [];
  const out: Message[] = [];
  const model = str(record.model);
  for (const thought of arr(record.thoughts).map(obj)) {
    const text = [str(thought?.subject), str(thought?.description)].filter(Boolean).join(": ");
    if (text) out.push({ kind: "thinking", text, ...at });
  }
  const text = contentText(record.content);
  if (text) out.push({ kind: "text", text, ...at, ...(model ? { model } : {}) });
  for (const call of arr(record.toolCalls).map(obj)) {
    if (call) out.push(...callMessages(call));
  }
  return out;
}

function callMessages(call: Obj): Message[] {
  const name = str(call.name) ?? "tool";
  const input = obj(call.args) ?? {};
  const callId = str(call.id);
  const time = str(call.timestamp);
  const display = obj(call.resultDisplay);
  const out: Message[] = [
    toolMessage(name, input, {
      callId,
      time,
      edit: EDIT_TOOLS.has(name) ? editOf(input, display) : null,
      command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
    }),
  ];
  const result = arr(call.result).map((r) => obj(obj(obj(r)?.functionResponse)?.response))
    .map((r) => str(r?.output) ?? str(r?.error) ?? "").filter(Boolean).join("\n") ||
    (typeof call.resultDisplay === "string" ? call.resultDisplay : "");
  if (result) {
    const message: Message = { kind: "result", text: result.replace(/^Output: /, "") };
    if (callId) message.callId = callId;
    if (call.status === "error") message.isError = true;
    out.push(message);
  }
  return out;
}

/** The text of a string or Part-list content, ignoring function responses. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  return arr(content).map((p) => str(obj(p)?.text) ?? "").filter(Boolean).join("\n");
}
