/** Claude Code hook payloads → events: tool calls (edits, shell) and lifecycle hooks. */
import { createEdit, editFromHunks, hunkFromStrings } from "../../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../../core/json.ts";
import type { FileEdit, HookEvent, Hunk } from "../../core/model.ts";
import { claudeStyleEvent, lifecycleEvent, setIf } from "../shared/common.ts";

/** Tools that change files. */
export const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);
/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["Bash", "PowerShell"]);

/** The event of a Claude Code payload, or null without a session id. */
export function claudeEvent(payload: Obj, now: Date): HookEvent | null {
  const event = claudeStyleEvent("claude-code", payload, now, str(payload.prompt_id));
  if (!event) return null;
  const name = str(payload.hook_event_name) ?? (payload.tool_name ? "PostToolUse" : "");
  if (name === "PostToolUse") return toolEvent(event, payload);
  if (name === "PostToolUseFailure") return failedToolEvent(event, payload);
  if (name === "PreToolUse") return pendingToolEvent(event, payload);
  return lifecycleEvent(event, payload, name);
}

/** A tool call that ran: Claude Code sends PostToolUse only for calls that succeeded (a shell
 * command exited 0), unless it was interrupted. */
function toolEvent(event: HookEvent, payload: Obj): HookEvent {
  const tool = str(payload.tool_name) ?? "";
  const input = obj(payload.tool_input) ?? {};
  const response = obj(payload.tool_response) ?? {};
  event.toolName = tool;
  setIf(event, "toolCallId", str(payload.tool_use_id));
  if (EDIT_TOOLS.has(tool)) {
    event.kind = "edit";
    const edit = editOf(tool, input, response);
    event.edits = edit ? [edit] : [];
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(input.command));
    const output = [str(response.stdout), str(response.stderr)].filter(Boolean).join("\n");
    if (output) event.output = output;
    const code = num(response.exitCode) ?? num(response.exit_code);
    if (response.interrupted === true) event.failed = true;
    // A non-zero exit Claude Code reads as no error (grep finding nothing) comes with its reading.
    else if (code !== undefined || typeof response.returnCodeInterpretation !== "string") {
      event.exitCode = code ?? 0;
    }
    setIf(event, "durationMs", num(payload.duration_ms));
  }
  return event;
}

/** A tool call that failed (PostToolUseFailure): a shell run with its exit code, or an edit that
 * changed nothing. */
function failedToolEvent(event: HookEvent, payload: Obj): HookEvent {
  const tool = str(payload.tool_name) ?? "";
  event.toolName = tool;
  setIf(event, "toolCallId", str(payload.tool_use_id));
  event.failed = true;
  if (!SHELL_TOOLS.has(tool)) return event;
  event.kind = "shell";
  setIf(event, "command", str(obj(payload.tool_input)?.command));
  const error = str(payload.error) ?? "";
  const code = /^Exit code (\d+)\n?/.exec(error);
  if (code) event.exitCode = Number(code[1]);
  const output = code ? error.slice(code[0].length) : error;
  if (output) event.output = output;
  return event;
}

/** A tool call about to run (PreToolUse): noted, but it has changed nothing yet. */
function pendingToolEvent(event: HookEvent, payload: Obj): HookEvent {
  setIf(event, "toolName", str(payload.tool_name));
  setIf(event, "toolCallId", str(payload.tool_use_id));
  return event;
}

/** The FileEdit for an edit tool's input and response, or null without a path. */
export function editOf(tool: string, input: Obj, response: Obj): FileEdit | null {
  const path = str(input.file_path) ?? str(input.notebook_path) ?? str(input.path) ??
    str(response.filePath);
  if (!path) return null;
  const patch = structuredPatch(response.structuredPatch);
  if (tool === "Write" && (response.type === "create" || (!patch.length && str(input.content)))) {
    return createEdit(path, str(response.content) ?? str(input.content) ?? "");
  }
  if (patch.length) return editFromHunks(path, "edit", patch);
  if (tool === "MultiEdit") {
    const hunks = arr(input.edits).map((e) => hunkOfStrings(obj(e) ?? {}));
    return editFromHunks(path, "edit", hunks);
  }
  if (tool === "NotebookEdit") {
    return editFromHunks(path, "edit", [hunkFromStrings("", str(input.new_source) ?? "")]);
  }
  return editFromHunks(path, "edit", [hunkOfStrings(input)]);
}

function hunkOfStrings(input: Obj): Hunk {
  return hunkFromStrings(str(input.old_string) ?? "", str(input.new_string) ?? "");
}

function structuredPatch(value: unknown): Hunk[] {
  return arr(value).flatMap((item) => {
    const h = obj(item);
    if (!h) return [];
    return [{
      oldStart: num(h.oldStart) ?? 0,
      oldLines: num(h.oldLines) ?? 0,
      newStart: num(h.newStart) ?? 0,
      newLines: num(h.newLines) ?? 0,
      lines: arr(h.lines).filter((l): l is string => typeof l === "string"),
    }];
  });
}
