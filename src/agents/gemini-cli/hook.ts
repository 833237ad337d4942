/** Gemini CLI hook payloads → events: AfterTool (edits, shell) and lifecycle hooks. */
import { createEdit } from "../../core/diff.ts";
import { type Obj, obj, str } from "../../core/json.ts";
import type { EventKind, FileEdit, HookEvent } from "../../core/model.ts";
import { baseEvent, editFromDiff, setIf } from "../shared/common.ts";

/** Tools that change files. */
export const EDIT_TOOLS = new Set(["write_file", "replace", "edit"]);
/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["run_shell_command"]);
const EVENT_KINDS: Record<string, EventKind> = {
  SessionStart: "session",
  BeforeAgent: "prompt",
  AfterAgent: "stop",
  SessionEnd: "end",
};

/** The event of a Gemini CLI payload, or null without a session id. */
export function geminiEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
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
}

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
export function editOf(input: Obj, display: Obj | undefined): FileEdit | null {
  const path = str(display?.filePath) ?? str(input.file_path) ?? str(input.path);
  if (!path) return null;
  if (display?.isNewFile === true) {
    return createEdit(path, str(display.newContent) ?? str(input.content) ?? "");
  }
  const oldText = str(input.old_string) ?? str(display?.originalContent) ?? "";
  const newText = str(input.new_string) ?? str(input.content) ?? "";
  return editFromDiff(path, str(display?.fileDiff), oldText, newText);
}
