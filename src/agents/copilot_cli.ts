/** GitHub Copilot CLI: camelCase and snake_case hook payloads, and session-state events.jsonl. */
import { createEdit, editFromHunks, hunkFromStrings, parseUnifiedDiff } from "../core/diff.ts";
import { arr, type Obj, obj, str } from "../core/json.ts";
import type { EventKind, FileEdit, HookEvent, Message } from "../core/model.ts";
import { baseEvent, lastMatch, objOrJson, setIf, toolMessage } from "./common.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const SHELL_TOOLS = new Set(["bash", "powershell", "shell"]);
const EVENT_KINDS: Record<string, EventKind> = {
  sessionstart: "session",
  userpromptsubmitted: "prompt",
  userpromptsubmit: "prompt",
  agentstop: "stop",
  subagentstop: "stop",
  stop: "stop",
  sessionend: "end",
};
const EXIT = /\n?<exited with exit code (\d+)>\s*$/;

/** The Copilot CLI adapter. */
export const copilotCli: AgentAdapter = {
  name: "copilot-cli",
  label: "Copilot CLI",
  hookOutput: "",
  detect(payload) {
    if (typeof payload.sessionId === "string" && !payload.hookName) {
      return "toolName" in payload || "toolArgs" in payload ||
        typeof payload.timestamp === "number";
    }
    const input = obj(payload.tool_input);
    return typeof obj(payload.tool_response)?.resultType === "string" ||
      (input !== undefined && ("old_str" in input || "file_text" in input));
  },
  toEvent(payload, now, hint) {
    const sessionId = str(payload.sessionId) ?? str(payload.session_id);
    if (!sessionId) return null;
    const event = baseEvent("copilot-cli", sessionId, now);
    setIf(event, "cwd", str(payload.cwd));
    const name = eventName(payload, hint);
    if (name === "posttooluse") return toolEvent(event, payload);
    event.kind = EVENT_KINDS[name] ?? "other";
    setIf(event, "prompt", str(payload.prompt) ?? str(payload.initialPrompt));
    return event;
  },
  transcript: eventsTranscript,
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"(?:model|selectedModel)":"([^"]+)"/g);
    const version = lastMatch(tail, /"copilotVersion":"([^"]+)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
};

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
function editOf(tool: string, args: Obj, diff?: string): FileEdit | null {
  const path = str(args.path) ?? str(args.file_path);
  if (!path || (tool !== "edit" && tool !== "create" && tool !== "str_replace_editor")) return null;
  const hunks = diff ? parseUnifiedDiff(diff).flatMap((f) => f.hunks) : [];
  if (hunks.length) return editFromHunks(path, tool === "create" ? "create" : "edit", hunks);
  if (tool === "create" || str(args.file_text)) return createEdit(path, str(args.file_text) ?? "");
  return editFromHunks(path, "edit", [
    hunkFromStrings(str(args.old_str) ?? "", str(args.new_str) ?? ""),
  ]);
}

/** events.jsonl: prompts, answers, tool requests completed by their results (with diffs). */
function eventsTranscript(): TranscriptParser {
  const pending = new Map<string, Message>();
  return {
    record(value) {
      const line = obj(value);
      const data = obj(line?.data);
      if (!line || !data || line.ephemeral === true) return [];
      const time = str(line.timestamp);
      const at = time ? { time } : {};
      switch (line.type) {
        case "user.message": {
          const text = str(data.content) ?? str(data.transformedContent);
          return text ? [{ kind: "prompt", text, ...at }] : [];
        }
        case "assistant.message":
          return assistantMessages(data, at, pending);
        case "tool.execution_complete":
          return completeMessages(data, at, pending);
        default:
          return [];
      }
    },
    end() {
      const rest = [...pending.values()];
      pending.clear();
      return rest;
    },
  };
}

function assistantMessages(data: Obj, at: { time?: string }, pending: Map<string, Message>) {
  const out: Message[] = [];
  const model = str(data.model);
  const text = str(data.content);
  if (text) out.push({ kind: "text", text, ...at, ...(model ? { model } : {}) });
  for (const request of arr(data.toolRequests).map(obj)) {
    if (!request) continue;
    const name = str(request.name) ?? "tool";
    const args = objOrJson(request.arguments) ?? {};
    const callId = str(request.toolCallId);
    const message = toolMessage(name, args, {
      callId,
      ...at,
      edit: editOf(name, args),
      command: SHELL_TOOLS.has(name) ? str(args.command) : undefined,
    });
    if (callId) pending.set(callId, message);
    else out.push(message);
  }
  return out;
}

function completeMessages(data: Obj, at: { time?: string }, pending: Map<string, Message>) {
  const callId = str(data.toolCallId);
  const tool = callId ? pending.get(callId) : undefined;
  if (callId) pending.delete(callId);
  const out: Message[] = [];
  const result = obj(data.result) ?? {};
  if (tool?.kind === "tool") {
    const edit = editOf(tool.name, obj(tool.input) ?? {}, str(result.detailedContent));
    if (edit) tool.hunks = edit.hunks;
    out.push(tool);
  }
  const text = (str(result.content) ?? str(obj(data.error)?.message) ?? "").replace(EXIT, "");
  if (text) {
    const message: Message = { kind: "result", text, ...at };
    if (callId) message.callId = callId;
    if (data.success === false) message.isError = true;
    out.push(message);
  }
  return out;
}
