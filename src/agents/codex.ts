/** Codex CLI: hook payloads (PostToolUse apply_patch/Bash, UserPromptSubmit, Stop…) and rollout JSONL. */
import { parseApplyPatch } from "../core/apply_patch.ts";
import { createEdit, editFromHunks, parseUnifiedDiff } from "../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../core/json.ts";
import type { FileEdit, HookEvent, Message } from "../core/model.ts";
import {
  baseEvent,
  claudeStyleEvent,
  commandText,
  lastMatch,
  lifecycleEvent,
  objOrJson,
  setEdits,
  setIf,
  toolMessage,
} from "./common.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const PATCH_TOOLS = new Set(["apply_patch", "Edit", "Write"]);
const SHELL_TOOLS = new Set(["Bash", "shell", "exec_command", "local_shell", "container.exec"]);
const SCAFFOLDING = /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md instructions)/;

/** The Codex CLI adapter. */
export const codex: AgentAdapter = {
  name: "codex",
  label: "Codex CLI",
  hookOutput: "",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return typeof payload.turn_id === "string" || /[/\\]\.codex[/\\]|[/\\]rollout-/.test(path) ||
      payload.type === "agent-turn-complete";
  },
  toEvent(payload, now, hint) {
    if (payload.type === "agent-turn-complete") return notifyEvent(payload, now);
    const event = claudeStyleEvent("codex", payload, now, str(payload.turn_id));
    if (!event) return null;
    const name = str(payload.hook_event_name) ?? (payload.tool_name ? "PostToolUse" : hint ?? "");
    if (name === "PostToolUse") return toolEvent(event, payload);
    return lifecycleEvent(event, payload, name);
  },
  transcript: rolloutTranscript,
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"model":"([^"]+)"/g);
    const version = lastMatch(tail, /"cli_version":"([^"]+)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
};

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

/** Rollout lines: prompts from user_message events, answers, reasoning, tool calls and results. */
function rolloutTranscript(): TranscriptParser {
  let model: string | undefined;
  let lastAnswer = "";
  let lastPrompt = "";
  /** A prompt, once: recent rollouts hold it as a `UserMessage` item, older ones as `user_message`. */
  const prompt = (text: string | undefined, at: { time?: string }): Message[] => {
    if (!text || SCAFFOLDING.test(text) || text === lastPrompt) return [];
    lastPrompt = text;
    return [{ kind: "prompt", text, ...at }];
  };
  const pending = new Map<string, Message>();
  const flush = (id: string): Message[] => {
    const message = pending.get(id);
    pending.delete(id);
    return message ? [message] : [];
  };
  return {
    record(value) {
      const line = obj(value);
      const payload = obj(line?.payload);
      if (!line || !payload) return [];
      const time = str(line.timestamp);
      const at = time ? { time } : {};
      if (line.type === "turn_context") {
        model = str(payload.model) ?? model;
        return [];
      }
      if (line.type === "event_msg") return eventMessages(payload, at);
      if (line.type !== "response_item") return [];
      return itemMessages(payload, at);
    },
    end: () => [...pending.keys()].flatMap(flush),
  };

  function eventMessages(payload: Obj, at: { time?: string }): Message[] {
    switch (payload.type) {
      case "user_message":
        return prompt(str(payload.message), at);
      case "agent_message": {
        const text = str(payload.message);
        if (!text) return [];
        lastAnswer = text;
        lastPrompt = "";
        return [{ kind: "text", text, ...at, ...(model ? { model } : {}) }];
      }
      case "patch_apply_end": {
        const id = str(payload.call_id) ?? "";
        const tool = pending.get(id);
        pending.delete(id);
        const message = tool ?? toolMessage("apply_patch", {}, { callId: id });
        setEdits(message, changesEdits(obj(payload.changes)));
        return [message];
      }
      case "item_completed":
        return codeModeItem(obj(payload.item) ?? {}, at);
      default:
        return [];
    }
  }

  function itemMessages(payload: Obj, at: { time?: string }): Message[] {
    const callId = str(payload.call_id);
    const ids = callId ? { callId } : {};
    switch (payload.type) {
      case "message": {
        if (payload.role !== "assistant") return [];
        const text = arr(payload.content).map((c) => str(obj(c)?.text) ?? "").join("");
        if (!text || text === lastAnswer) return [];
        return [{ kind: "text", text, ...at, ...(model ? { model } : {}) }];
      }
      case "reasoning": {
        const text = arr(payload.summary).map((s) => str(obj(s)?.text) ?? "").join("\n");
        return text ? [{ kind: "thinking", text, ...at }] : [];
      }
      case "function_call": {
        const name = str(payload.name) ?? "tool";
        const input = objOrJson(payload.arguments) ?? {};
        const command = commandText(input.cmd) ?? commandText(input.command);
        return [toolMessage(name, input, { ...ids, ...at, command })];
      }
      case "custom_tool_call": {
        const name = str(payload.name) ?? "tool";
        const input = str(payload.input) ?? "";
        if (name !== "apply_patch") return [toolMessage(name, { input }, { ...ids, ...at })];
        const message = toolMessage(name, { input }, { ...ids, ...at });
        setEdits(message, parseApplyPatch(input));
        if (!callId) return [message];
        pending.set(callId, message);
        return [];
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const text = outputText(payload.output);
        const held = callId ? flush(callId) : [];
        return text ? [...held, { kind: "result", text, ...ids, ...at }] : held;
      }
      default:
        return [];
    }
  }

  function codeModeItem(item: Obj, at: { time?: string }): Message[] {
    if (item.type === "UserMessage") {
      const text = arr(item.content).map((c) => str(obj(c)?.text) ?? "").join("");
      return prompt(text, at);
    }
    if (item.type === "FileChange") {
      return [toolMessage("apply_patch", {}, { ...at, edits: changesEdits(obj(item.changes)) })];
    }
    if (item.type === "CommandExecution") {
      const command = commandText(item.command);
      const ids = str(item.id) ? { callId: item.id as string } : {};
      const out: Message[] = [toolMessage("exec_command", item, { ...at, command })];
      const text = str(item.aggregated_output) ?? str(item.formatted_output);
      if (text) out.push({ kind: "result", text, ...ids, ...at });
      return out;
    }
    return [];
  }
}

/** Edits from `patch_apply_end.changes` (absolute paths with unified diffs or whole contents). */
function changesEdits(changes: Obj | undefined): FileEdit[] {
  return Object.entries(changes ?? {}).map(([path, value]) => {
    const change = obj(value) ?? {};
    const target = str(change.move_path) ?? path;
    const diff = str(change.unified_diff);
    if (diff) {
      const op = change.type === "delete" ? "delete" : change.type === "add" ? "create" : "edit";
      return editFromHunks(target, op, parseUnifiedDiff(diff).flatMap((f) => f.hunks));
    }
    return change.type === "delete"
      ? editFromHunks(target, "delete", [])
      : createEdit(target, str(change.content) ?? "");
  });
}

/** Tool output text: a string (the exec header dropped) or a list of text items. */
function outputText(value: unknown): string {
  if (typeof value === "string") {
    const parsed = objOrJson(value);
    const text = parsed ? str(parsed.output) ?? value : value;
    const body = /\nOutput:\n([\s\S]*)$/.exec(text);
    return body && text.startsWith("Chunk ID:") ? body[1]! : text;
  }
  return arr(value).map((v) => str(obj(v)?.text) ?? "").join("");
}
