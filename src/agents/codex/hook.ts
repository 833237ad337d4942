/** Codex hook payloads → events: PostToolUse (apply_patch, Bash), lifecycle hooks, `notify`. */
import { parseApplyPatch } from "../../core/apply_patch.ts";
import { num, type Obj, obj, str } from "../../core/json.ts";
import type { HookEvent } from "../../core/model.ts";
import {
  baseEvent,
  claudeStyleEvent,
  commandText,
  lifecycleEvent,
  objOrJson,
  setIf,
} from "../shared/common.ts";

const PATCH_TOOLS = new Set(["apply_patch", "Edit", "Write"]);
/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set([
  "Bash",
  "shell",
  "exec_command",
  "local_shell",
  "container.exec",
]);

/** The event of a Codex payload (hooks, or `notify`'s agent-turn-complete), or null without a session. */
export function codexEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
  if (payload.type === "agent-turn-complete") return notifyEvent(payload, now);
  const event = claudeStyleEvent("codex", payload, now, str(payload.turn_id));
  if (!event) return null;
  const name = str(payload.hook_event_name) ?? (payload.tool_name ? "PostToolUse" : hint ?? "");
  if (name === "PostToolUse") return toolEvent(event, payload);
  return lifecycleEvent(event, payload, name);
}

function notifyEvent(payload: Obj, now: Date): HookEvent | null {
  const sessionId = str(payload["thread-id"]);
  if (!sessionId) return null;
  const event = baseEvent("codex", sessionId, now);
  event.kind = "stop";
  setIf(event, "cwd", str(payload.cwd));
  setIf(event, "message", str(payload["last-assistant-message"]));
  return event;
}

function toolEvent(event: HookEvent, payload: Obj): HookEvent {
  const tool = str(payload.tool_name) ?? "";
  const input = obj(payload.tool_input) ?? {};
  event.toolName = tool;
  setIf(event, "toolCallId", str(payload.tool_use_id));
  if (PATCH_TOOLS.has(tool)) {
    event.kind = "edit";
    event.edits = parseApplyPatch(str(input.command) ?? str(input.patch) ?? str(input.input) ?? "");
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", commandText(input.command) ?? commandText(input.cmd));
    const output = responseText(payload.tool_response);
    if (output) event.output = output;
    const code = /Process exited with code (\d+)/.exec(output);
    const response = objOrJson(payload.tool_response);
    event.exitCode = code ? Number(code[1]) : num(response?.exit_code) ?? 0;
  }
  return event;
}

/** The output text of a tool response: a plain string, a JSON string, or an object with output. */
function responseText(value: unknown): string {
  if (typeof value === "string") {
    try {
      const parsed = JSON.parse(value);
      if (typeof parsed === "string") return parsed;
      const o = obj(parsed);
      if (o) return str(o.output) ?? str(o.aggregated_output) ?? str(o.stdout) ?? value;
    } catch {
      return value;
    }
    return value;
  }
  const o = obj(value);
  return str(o?.output) ?? str(o?.aggregated_output) ?? str(o?.stdout) ?? "";
}
