/** Cline's task history (`api_conversation_history.json`, the CLI's `<id>.messages.json`) → messages. */
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { Message } from "../../core/model.ts";
import { toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";
import { editOf, SHELL_TOOLS } from "./hook.ts";

const TOOLS = [
  "replace_in_file",
  "write_to_file",
  "execute_command",
  "read_file",
  "search_files",
  "list_files",
  "list_code_definition_names",
  "browser_action",
  "use_mcp_tool",
  "access_mcp_resource",
  "ask_followup_question",
  "attempt_completion",
  "plan_mode_respond",
  "new_task",
];
const RESULT_HEAD = /^\[(\w+)(?: for '([\s\S]*)')?\] Result:/;
const WRAPPED = /^<(task|feedback|answer|user_message)>\s*([\s\S]*?)\s*<\/\1>/;
const TOOL_TAG = new RegExp(`<(${TOOLS.join("|")})>([\\s\\S]*?)</\\1>`, "g");

/** api_conversation_history.json: Anthropic-style messages with XML tool calls in the text. */
export function historyTranscript(): TranscriptParser {
  let calls = 0;
  const parse = (value: unknown): Message[] => {
    if (Array.isArray(value)) return value.flatMap(parse);
    const message = obj(value);
    if (!message) return [];
    if (Array.isArray(message.messages)) return message.messages.flatMap(parse);
    const time = typeof message.ts === "number" ? new Date(message.ts).toISOString() : undefined;
    const at = time ? { time } : {};
    const blocks = typeof message.content === "string"
      ? [{ type: "text", text: message.content }]
      : arr(message.content).map((b) => obj(b) ?? {});
    if (message.role === "user") return userMessages(blocks, at);
    if (message.role === "assistant") return blocks.flatMap((b) => assistantBlock(b, at));
    return [];
  };
  const userMessages = (blocks: Obj[], at: { time?: string }): Message[] => {
    const out: Message[] = [];
    let resultFor: string | undefined;
    for (const block of blocks) {
      const text = str(block.text) ?? "";
      if (block.type === "tool_result") {
        const content = typeof block.content === "string"
          ? block.content
          : arr(block.content).map((c) => str(obj(c)?.text) ?? "").join("\n");
        out.push({ kind: "result", text: content, callId: str(block.tool_use_id) ?? "", ...at });
        continue;
      }
      if (!text || text.startsWith("<environment_details>")) continue;
      const head = RESULT_HEAD.exec(text);
      if (head) {
        resultFor = `cline-${calls}`;
        continue;
      }
      if (resultFor) {
        out.push({ kind: "result", text, callId: resultFor, ...at });
        resultFor = undefined;
        continue;
      }
      const wrapped = WRAPPED.exec(text);
      out.push({ kind: "prompt", text: wrapped ? wrapped[2]! : text, ...at });
    }
    return out;
  };
  const assistantBlock = (block: Obj, at: { time?: string }): Message[] => {
    if (block.type === "tool_use") {
      const name = str(block.name) ?? "tool";
      const input = obj(block.input) ?? {};
      return [callMessage(name, input, str(block.id) ?? `cline-${++calls}`, at)];
    }
    const text = str(block.text);
    if (block.type !== "text" || !text) return [];
    const out: Message[] = [];
    let last = 0;
    for (const match of text.matchAll(TOOL_TAG)) {
      const before = stripThinking(text.slice(last, match.index)).trim();
      if (before) out.push({ kind: "text", text: before, ...at });
      last = match.index! + match[0].length;
      const params = xmlParams(match[2]!);
      if (match[1] === "attempt_completion" || match[1] === "plan_mode_respond") {
        const answer = params.result ?? params.response;
        if (answer) out.push({ kind: "text", text: answer.trim(), ...at });
        continue;
      }
      out.push(callMessage(match[1]!, params, `cline-${++calls}`, at));
    }
    const rest = stripThinking(text.slice(last)).trim();
    if (rest) out.push({ kind: "text", text: rest, ...at });
    return out;
  };
  return { record: parse, end: () => [] };
}

function callMessage(name: string, input: Obj, callId: string, at: { time?: string }): Message {
  return toolMessage(name, input, {
    callId,
    ...at,
    edit: editOf(name, input),
    command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
  });
}

function stripThinking(text: string): string {
  return text.replace(/<thinking>[\s\S]*?<\/thinking>/g, "");
}

/** `<name>value</name>` pairs inside one tool call. */
function xmlParams(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of body.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)) {
    params[match[1]!] = match[2]!.replace(/^\n/, "").replace(/\n$/, "");
  }
  return params;
}
