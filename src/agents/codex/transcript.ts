/** Codex rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`) → messages. */
import { parseApplyPatch } from "../../core/apply_patch.ts";
import { createEdit, editFromHunks, parseUnifiedDiff } from "../../core/diff.ts";
import { arr, type Obj, obj, str } from "../../core/json.ts";
import type { FileEdit, Message } from "../../core/model.ts";
import { commandText, objOrJson, setEdits, toolMessage } from "../shared/common.ts";
import type { TranscriptParser } from "../types.ts";

const SCAFFOLDING = /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md instructions)/;

/** Rollout lines: prompts from user_message events, answers, reasoning, tool calls and results. */
export function rolloutTranscript(): TranscriptParser {
  let model: string | undefined;
  let lastAnswer = "";
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
      case "user_message": {
        const text = str(payload.message);
        return text && !SCAFFOLDING.test(text) ? [{ kind: "prompt", text, ...at }] : [];
      }
      case "agent_message": {
        const text = str(payload.message);
        if (!text) return [];
        lastAnswer = text;
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
