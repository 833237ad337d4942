/** Cursor hook payloads → events: afterFileEdit, afterShellExecution, postToolUse, lifecycle hooks. */
import { createEdit, editFromHunks, hunkFromStrings } from "../../core/diff.ts";
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { EventKind, FileEdit, HookEvent } from "../../core/model.ts";
import { baseEvent, setIf } from "../shared/common.ts";

/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["Shell", "run_terminal_cmd"]);
const EVENT_KINDS: Record<string, EventKind> = {
  sessionStart: "session",
  beforeSubmitPrompt: "prompt",
  stop: "stop",
  sessionEnd: "end",
};

/** The event of a Cursor payload, or null without a conversation id. */
export function cursorEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
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
}

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

export function editOfPairs(path: string, pairs: Obj[]): FileEdit {
  const hunks = pairs.map((p) => hunkFromStrings(str(p.old_string) ?? "", str(p.new_string) ?? ""));
  return editFromHunks(path, "edit", hunks);
}

/** The edit a Cursor tool call makes (StrReplace, Write, Delete), or null for other tools. */
export function editOf(tool: string, input: Obj): FileEdit | null {
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
