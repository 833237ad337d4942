/** Gemini CLI: hook payloads (BeforeAgent, AfterTool, AfterAgent…) and chat files (JSONL and legacy JSON). */
import { createEdit } from "../core/diff.ts";
import { arr, type Obj, obj, str } from "../core/json.ts";
import type { EventKind, FileEdit, HookEvent, Message } from "../core/model.ts";
import { baseEvent, editFromDiff, lastMatch, setIf, toolMessage } from "./common.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const EDIT_TOOLS = new Set(["write_file", "replace", "edit"]);
const SHELL_TOOLS = new Set(["run_shell_command"]);
const GEMINI_TOOLS = new Set(["write_file", "replace", "run_shell_command"]);
const GEMINI_EVENTS = new Set([
  "BeforeAgent",
  "AfterAgent",
  "BeforeTool",
  "AfterTool",
  "BeforeModel",
  "AfterModel",
  "BeforeToolSelection",
  "PreCompress",
]);
const EVENT_KINDS: Record<string, EventKind> = {
  SessionStart: "session",
  BeforeAgent: "prompt",
  AfterAgent: "stop",
  SessionEnd: "end",
};

/** The Gemini CLI adapter. */
export const geminiCli: AgentAdapter = {
  name: "gemini-cli",
  label: "Gemini CLI",
  hookOutput: "{}",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return /[/\\]\.gemini[/\\]/.test(path) ||
      GEMINI_EVENTS.has(str(payload.hook_event_name) ?? "") ||
      GEMINI_TOOLS.has(str(payload.tool_name) ?? "") ||
      typeof payload.timestamp === "string" && typeof payload.hook_event_name === "string";
  },
  toEvent(payload, now, hint) {
    const sessionId = str(payload.session_id);
    if (!sessionId) return null;
    const event = baseEvent("gemini-cli", sessionId, now);
    setIf(event, "cwd", str(payload.cwd));
    setIf(event, "transcriptPath", str(payload.transcript_path));
    const name = str(payload.hook_event_name) ?? hint ?? "";
    if (name === "AfterTool") return toolEvent(event, payload);
    event.kind = EVENT_KINDS[name] ?? "other";
    if (event.kind === "prompt") setIf(event, "prompt", str(payload.prompt));
    if (event.kind === "stop") setIf(event, "message", str(payload.prompt_response));
    return event;
  },
  transcript: geminiTranscript,
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"model":"([^"]+)"/g);
    return model ? { model } : {};
  },
};

function toolEvent(event: HookEvent, payload: Obj): HookEvent {
  const tool = str(payload.tool_name) ?? "";
  const input = obj(payload.tool_input) ?? {};
  const response = obj(payload.tool_response) ?? {};
  event.toolName = tool;
  if (EDIT_TOOLS.has(tool)) {
    event.kind = "edit";
    const edit = editOf(input, obj(response.returnDisplay));
    event.edits = edit ? [edit] : [];
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(input.command));
    const text = str(response.llmContent) ?? str(response.returnDisplay) ?? "";
    const output = text.replace(/^Output: /, "");
    if (output) event.output = output;
    const code = /^Exit Code: (\d+)/m.exec(text);
    event.exitCode = code ? Number(code[1]) : response.error ? 1 : 0;
  }
  return event;
}

/** The edit of a write_file or replace call, from its FileDiff display when there is one. */
function editOf(input: Obj, display: Obj | undefined): FileEdit | null {
  const path = str(display?.filePath) ?? str(input.file_path) ?? str(input.path);
  if (!path) return null;
  if (display?.isNewFile === true) {
    return createEdit(path, str(display.newContent) ?? str(input.content) ?? "");
  }
  const oldText = str(input.old_string) ?? str(display?.originalContent) ?? "";
  const newText = str(input.new_string) ?? str(input.content) ?? "";
  return editFromDiff(path, str(display?.fileDiff), oldText, newText);
}

/** Gemini chat records: re-appended ids replace earlier ones; `$rewindTo` drops its target and what follows. */
function geminiTranscript(): TranscriptParser {
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
