/** OpenCode sessions as `opencode export` documents → messages. */
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { Message } from "../../core/model.ts";
import { isoTime, toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { editsOf, SHELL_TOOLS } from "./hook.ts";

/** `opencode export` documents (`{info, messages:[{info, parts}]}`), or one `{info, parts}` per line. */
export function exportTranscript(): TranscriptParser {
  const parse = (value: unknown): Message[] => {
    const doc = obj(value);
    if (!doc) return [];
    if (Array.isArray(doc.messages)) return doc.messages.flatMap(parse);
    const info = obj(doc.info) ?? {};
    const parts = arr(doc.parts).map((p) => obj(p) ?? {});
    const time = isoTime(obj(info.time)?.created);
    const at = time ? { time } : {};
    if (info.role === "user") {
      const text = parts.filter((p) => p.type === "text" && p.synthetic !== true)
        .map((p) => str(p.text) ?? "").filter(Boolean).join("\n");
      return text ? [{ kind: "prompt", text, ...at }] : [];
    }
    if (info.role !== "assistant") return [];
    const model = str(info.modelID);
    return parts.flatMap((part) => partMessages(part, at, model));
  };
  return { record: parse, end: () => [] };
}

function partMessages(part: Obj, at: { time?: string }, model?: string): Message[] {
  const time = isoTime(obj(part.time)?.start) ?? at.time;
  const when = time ? { time } : {};
  if (part.type === "text" && str(part.text) && part.synthetic !== true) {
    return [{ kind: "text", text: part.text as string, ...when, ...(model ? { model } : {}) }];
  }
  if (part.type === "reasoning" && str(part.text)) {
    return [{ kind: "thinking", text: part.text as string, ...when }];
  }
  if (part.type !== "tool") return [];
  const tool = str(part.tool) ?? "tool";
  const state = obj(part.state) ?? {};
  const input = obj(state.input) ?? {};
  const callId = str(part.callID);
  const stateTime = isoTime(obj(state.time)?.start) ?? at.time;
  const stamp = stateTime ? { time: stateTime } : {};
  const out: Message[] = [
    toolMessage(tool, input, {
      callId,
      ...stamp,
      edits: editsOf(tool, input, obj(state.metadata) ?? {}),
      command: SHELL_TOOLS.has(tool) ? str(input.command) : undefined,
    }),
  ];
  const text = str(state.output) ?? str(state.error);
  if (text) {
    const result: Message = { kind: "result", text, ...stamp };
    if (callId) result.callId = callId;
    if (state.status === "error") result.isError = true;
    out.push(result);
  }
  return out;
}
