/** Copilot CLI hook payloads (camelCase, and the snake_case variant) → events. */
import { createEdit, editFromHunks, hunkFromStrings, parseUnifiedDiff } from "../../core/diff.ts";
import { type Obj, obj, str } from "../../core/json.ts";
import type { EventKind, FileEdit, HookEvent } from "../../core/model.ts";
import { baseEvent, objOrJson, setIf } from "../shared/common.ts";

/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["bash", "powershell", "shell"]);
const EVENT_KINDS: Record<string, EventKind> = {
  sessionstart: "session",
  userpromptsubmitted: "prompt",
  userpromptsubmit: "prompt",
  agentstop: "stop",
  subagentstop: "stop",
  stop: "stop",
  sessionend: "end",
};
/** The exit-code line the bash tool appends to its result. */
export const EXIT = /\n?<exited with exit code (\d+)>\s*$/;

/** The event of a Copilot CLI payload, or null without a session id. */
export function copilotEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
  const sessionId = str(payload.sessionId) ?? str(payload.session_id);
  if (!sessionId) return null;
  const event = baseEvent("copilot-cli", sessionId, now);
  setIf(event, "cwd", str(payload.cwd));
  const name = eventName(payload, hint);
  if (name === "posttooluse") return toolEvent(event, payload);
  event.kind = EVENT_KINDS[name] ?? "other";
  setIf(event, "prompt", str(payload.prompt) ?? str(payload.initialPrompt));
  return event;
}

/** The lowercased event name: from the payload, the command line, or the fields present. */
function eventName(payload: Obj, hint?: string): string {
  const named = str(payload.hook_event_name) ?? str(payload.hookEventName) ?? hint;
  if (named) return named.replace(/[-_]/g, "").toLowerCase();
  if ("toolResult" in payload || "tool_response" in payload) return "posttooluse";
  if ("toolName" in payload) return "pretooluse";
  if ("prompt" in payload) return "userpromptsubmitted";
  if ("reason" in payload) return "sessionend";
  if ("source" in payload || "initialPrompt" in payload) return "sessionstart";
  return "";
}

function toolEvent(event: HookEvent, payload: Obj): HookEvent {
  const tool = str(payload.toolName) ?? str(payload.tool_name) ?? "";
  const args = objOrJson(payload.toolArgs) ?? objOrJson(payload.tool_input) ?? {};
  const result = obj(payload.toolResult) ?? obj(payload.tool_response) ?? {};
  event.toolName = tool;
  setIf(event, "toolCallId", str(payload.toolCallId) ?? str(payload.tool_use_id));
  if (result.resultType === "denied") return event;
  const edit = editOf(tool, args);
  if (edit) {
    event.kind = "edit";
    event.edits = [edit];
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(args.command));
    const text = str(result.textResultForLlm) ?? str(result.content) ?? "";
    const exit = EXIT.exec(text);
    const output = text.replace(EXIT, "");
    if (output) event.output = output;
    event.exitCode = exit ? Number(exit[1]) : result.resultType === "failure" ? 1 : 0;
  }
  return event;
}

/** The edit of an `edit` or `create` call, or null for other tools. */
export function editOf(tool: string, args: Obj, diff?: string): FileEdit | null {
  const path = str(args.path) ?? str(args.file_path);
  if (!path || (tool !== "edit" && tool !== "create" && tool !== "str_replace_editor")) return null;
  const hunks = diff ? parseUnifiedDiff(diff).flatMap((f) => f.hunks) : [];
  if (hunks.length) return editFromHunks(path, tool === "create" ? "create" : "edit", hunks);
  if (tool === "create" || str(args.file_text)) return createEdit(path, str(args.file_text) ?? "");
  return editFromHunks(path, "edit", [
    hunkFromStrings(str(args.old_str) ?? "", str(args.new_str) ?? ""),
  ]);
}
