/** Cursor (IDE and cursor-agent): hook payloads, agent-transcript JSONL and CLI store blobs. */
import { createEdit, editFromHunks, hunkFromStrings } from "../core/diff.ts";
import { messagesFromEvents } from "../core/events_to_messages.ts";
import { arr, type Obj, obj, str } from "../core/json.ts";
import type { EventKind, FileEdit, HookEvent, Message } from "../core/model.ts";
import { baseEvent, isoTime, setIf, toolMessage } from "./common.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const SHELL_TOOLS = new Set(["Shell", "run_terminal_cmd"]);
const EVENT_KINDS: Record<string, EventKind> = {
  sessionStart: "session",
  beforeSubmitPrompt: "prompt",
  stop: "stop",
  sessionEnd: "end",
};

/** The Cursor adapter. */
export const cursor: AgentAdapter = {
  name: "cursor",
  label: "Cursor",
  hookOutput: "{}",
  detect(payload) {
    return typeof payload.conversation_id === "string" || Array.isArray(payload.workspace_roots) ||
      typeof payload.cursor_version === "string";
  },
  toEvent(payload, now, hint) {
    const sessionId = str(payload.conversation_id) ?? str(payload.session_id);
    if (!sessionId) return null;
    const event = baseEvent("cursor", sessionId, now);
    setIf(event, "cwd", str(payload.cwd) ?? str(arr(payload.workspace_roots)[0]));
    setIf(event, "transcriptPath", str(payload.transcript_path));
    setIf(event, "model", str(payload.model));
    setIf(event, "agentVersion", str(payload.cursor_version));
    setIf(event, "promptId", str(payload.generation_id));
    const name = str(payload.hook_event_name) ?? hint ?? "";
    if (name === "afterFileEdit") {
      event.kind = "edit";
      event.toolName = "Edit";
      const path = str(payload.file_path);
      event.edits = path ? [editOfPairs(path, arr(payload.edits).map((e) => obj(e) ?? {}))] : [];
    } else if (name === "afterShellExecution") {
      event.kind = "shell";
      event.toolName = "Shell";
      setIf(event, "command", str(payload.command));
      setIf(event, "output", str(payload.output));
    } else if (name === "postToolUse") {
      toolEvent(event, payload);
    } else {
      event.kind = EVENT_KINDS[name] ?? "other";
      setIf(event, "prompt", str(payload.prompt));
      if (name === "afterAgentResponse") setIf(event, "message", str(payload.text));
    }
    return event;
  },
  transcript: cursorTranscript,
  merge: mergeHookData,
};

function toolEvent(event: HookEvent, payload: Obj): void {
  const tool = str(payload.tool_name) ?? "";
  const input = obj(payload.tool_input) ?? {};
  event.toolName = tool;
  setIf(event, "toolCallId", str(payload.tool_use_id));
  const edit = editOf(tool, input);
  if (edit) {
    event.kind = "edit";
    event.edits = [edit];
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(input.command));
    const output = str(payload.tool_output) ?? str(obj(payload.tool_output)?.output);
    setIf(event, "output", output);
  }
}

function editOfPairs(path: string, pairs: Obj[]): FileEdit {
  const hunks = pairs.map((p) => hunkFromStrings(str(p.old_string) ?? "", str(p.new_string) ?? ""));
  return editFromHunks(path, "edit", hunks);
}

/** The edit a Cursor tool call makes (StrReplace, Write, Delete), or null for other tools. */
function editOf(tool: string, input: Obj): FileEdit | null {
  const path = str(input.path) ?? str(input.file_path) ?? str(input.target_file);
  if (!path) return null;
  if (tool === "StrReplace" || tool === "search_replace" || tool === "Edit") {
    return editOfPairs(path, [input]);
  }
  if (tool === "Write" || tool === "write") {
    return createEdit(path, str(input.contents) ?? str(input.content) ?? "");
  }
  if (tool === "Delete") return editFromHunks(path, "delete", []);
  return null;
}

const QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/;

/** Agent-transcript lines (`{role, message:{content}}`) and CLI store blobs (`{role, content}`). */
function cursorTranscript(): TranscriptParser {
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
function mergeHookData(messages: Message[], events: HookEvent[]): Message[] {
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
