/** Cline hook payloads (hook scripts' stdin) → events: the VS Code extension's (`TaskStart`,
 * `PostToolUse`, `TaskComplete`…) and Cline CLI 3's (`agent_start`, `tool_result`, `agent_end`). */
import { createEdit, editFromHunks, hunkFromStrings } from "../../core/diff.ts";
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { EventKind, FileEdit, HookEvent } from "../../core/model.ts";
import { parseSearchReplace } from "../../core/search_replace.ts";
import { baseEvent, objOrJson, setIf } from "../shared/common.ts";

/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["execute_command", "run_commands"]);
const EVENT_KINDS: Record<string, EventKind> = {
  TaskStart: "session",
  TaskResume: "session",
  UserPromptSubmit: "prompt",
  TaskComplete: "stop",
  TaskCancel: "end",
  SessionShutdown: "end",
  agent_start: "session",
  agent_end: "stop",
};
/** Cline CLI 3 marks a failed command's output with its exit code. */
const EXITED = /^\[Command exited with code (\d+)\]\n?/;

/** The event of a Cline payload, or null without an id. The CLI's session is its root session
 * (whose folder holds the transcript); the extension's is the task. */
export function clineEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
  const sessionId = str(obj(payload.sessionContext)?.rootSessionId) ?? str(payload.taskId);
  if (!sessionId) return null;
  const event = baseEvent("cline", sessionId, now);
  setIf(event, "cwd", str(arr(payload.workspaceRoots)[0]) ?? str(payload.cwd));
  setIf(event, "agentVersion", str(payload.clineVersion) || undefined);
  const name = str(payload.hookName) ?? hint ?? "";
  if (name === "tool_result") return cliToolEvent(event, obj(payload.tool_result) ?? {});
  if (name === "PostToolUse") return toolEvent(event, obj(payload.postToolUse) ?? {});
  event.kind = EVENT_KINDS[name] ?? EVENT_KINDS[hint ?? ""] ?? "other";
  const key = name.charAt(0).toLowerCase() + name.slice(1);
  const body = obj(payload[key]) ?? {};
  setIf(event, "prompt", str(body.prompt) ?? str(body.initialTask));
  if (event.kind === "stop") setIf(event, "message", str(obj(payload.turn)?.outputText));
  return event;
}

/** Cline CLI 3's `tool_result`: `{id, name, input, output}` (input and output not stringified). */
function cliToolEvent(event: HookEvent, result: Obj): HookEvent {
  const tool = str(result.name) ?? "";
  const input = obj(result.input) ?? {};
  event.toolName = tool;
  setIf(event, "toolCallId", str(result.id));
  const outputs = arr(result.output).map(obj).filter((o): o is Obj => !!o);
  const output = obj(result.output);
  if (tool === "run_commands") return commandsEvent(event, input, outputs);
  if (output?.success === false) {
    event.failed = true;
    return event;
  }
  const edit = editOf(tool, input, str(output?.result));
  if (edit) {
    event.kind = "edit";
    event.edits = [edit];
  }
  return event;
}

/** A `run_commands` call: its commands (one per line) and their outputs, with the exit code. */
function commandsEvent(event: HookEvent, input: Obj, outputs: Obj[]): HookEvent {
  const commands = commandList(input.commands);
  if (!commands.length) return event;
  event.kind = "shell";
  event.command = commands.join("\n");
  const texts = outputs.map((o) => (str(o.result) ?? "").replace(EXITED, ""));
  const output = texts.join("");
  if (output) event.output = output;
  const failed = outputs.find((o) => o.success === false);
  if (!failed) {
    if (outputs.length) event.exitCode = 0;
    return event;
  }
  event.failed = true;
  const code = EXITED.exec(str(failed.result) ?? "") ??
    /exited with code (\d+)/.exec(str(failed.error) ?? "");
  if (code) event.exitCode = Number(code[1]);
  return event;
}

/** The commands of a `run_commands` call: a list, or a JSON-encoded list (as `postToolUse` has it). */
export function commandList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : arr(objOrJsonArray(value));
  return list.filter((c): c is string => typeof c === "string");
}

function objOrJsonArray(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return [value];
  }
}

/** The VS Code extension's `postToolUse`: `{toolName, parameters, result, success}`. */
function toolEvent(event: HookEvent, body: Obj): HookEvent {
  const tool = str(body.toolName) ?? "";
  const params = obj(body.parameters) ?? {};
  event.toolName = tool;
  if (body.success === false) {
    event.failed = true;
    return event;
  }
  if (tool === "run_commands") {
    return commandsEvent(
      event,
      params,
      arr(objOrJsonArray(body.result)).map(obj).filter((o): o is Obj => !!o),
    );
  }
  const edit = editOf(tool, params, str(objOrJson(body.result)?.result));
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

/**
 * The edit of a file tool: `editor` (Cline CLI 3: `new_text` alone creates, with `old_text` it
 * replaces; its result's numbered diff gives the line), `write_to_file`, `replace_in_file`.
 */
export function editOf(tool: string, params: Obj, result?: string): FileEdit | null {
  const path = str(params.path);
  if (!path) return null;
  if (tool === "write_to_file") return createEdit(path, str(params.content) ?? "");
  if (tool === "replace_in_file") {
    return editFromHunks(path, "edit", parseSearchReplace(str(params.diff) ?? ""));
  }
  if (tool !== "editor") return null;
  const newText = str(params.new_text) ?? "";
  const oldText = str(params.old_text);
  if (oldText === undefined) return createEdit(path, newText);
  const line = /^\+(\d+): /m.exec(result ?? "");
  return editFromHunks(path, "edit", [
    hunkFromStrings(oldText, newText, line ? Number(line[1]) : 0),
  ]);
}
