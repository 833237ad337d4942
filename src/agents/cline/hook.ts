/** Cline hook payloads (hook scripts' stdin) → events. */
import { createEdit, editFromHunks } from "../../core/diff.ts";
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { EventKind, FileEdit, HookEvent } from "../../core/model.ts";
import { parseSearchReplace } from "../../core/search_replace.ts";
import { baseEvent, setIf } from "../shared/common.ts";

/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["execute_command"]);
const EVENT_KINDS: Record<string, EventKind> = {
  TaskStart: "session",
  TaskResume: "session",
  UserPromptSubmit: "prompt",
  TaskComplete: "stop",
  TaskCancel: "end",
  SessionShutdown: "end",
};

/** The event of a Cline payload, or null without a task id. */
export function clineEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
  const sessionId = str(payload.taskId);
  if (!sessionId) return null;
  const event = baseEvent("cline", sessionId, now);
  setIf(event, "cwd", str(arr(payload.workspaceRoots)[0]) ?? str(payload.cwd));
  setIf(event, "agentVersion", str(payload.clineVersion));
  const name = str(payload.hookName) ?? hint ?? "";
  if (name === "PostToolUse") return toolEvent(event, obj(payload.postToolUse) ?? {});
  event.kind = EVENT_KINDS[name] ?? "other";
  const key = name.charAt(0).toLowerCase() + name.slice(1);
  const body = obj(payload[key]) ?? {};
  setIf(event, "prompt", str(body.prompt) ?? str(body.initialTask));
  return event;
}

function toolEvent(event: HookEvent, body: Obj): HookEvent {
  const tool = str(body.toolName) ?? "";
  const params = obj(body.parameters) ?? {};
  event.toolName = tool;
  if (body.success === false) return event;
  const edit = editOf(tool, params);
  if (edit) {
    event.kind = "edit";
    event.edits = [edit];
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(params.command));
    setIf(event, "output", str(body.result));
    event.exitCode = 0;
  }
  return event;
}

/** The edit of write_to_file or replace_in_file (paths relative to the workspace). */
export function editOf(tool: string, params: Obj): FileEdit | null {
  const path = str(params.path);
  if (!path) return null;
  if (tool === "write_to_file") return createEdit(path, str(params.content) ?? "");
  if (tool === "replace_in_file") {
    return editFromHunks(path, "edit", parseSearchReplace(str(params.diff) ?? ""));
  }
  return null;
}
