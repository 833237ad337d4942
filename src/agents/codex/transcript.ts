/** Codex rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`) → messages, for both
 * tool modes: classic (apply_patch and exec_command calls) and code mode (one `exec` tool whose
 * script calls tools, each reported as an `item_completed` FileChange or CommandExecution). */
import { parseApplyPatch } from "../../core/apply_patch.ts";
import { createEdit, editFromHunks, parseUnifiedDiff } from "../../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../../core/json.ts";
import type { FileEdit, Message } from "../../core/model.ts";
import { commandText, objOrJson, setEdits, toolMessage } from "../shared/common.ts";
import { UnknownTypes } from "../shared/unknown.ts";
import type { TranscriptParser } from "../types.ts";

const SCAFFOLDING = /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md instructions)/;
/** The header Codex puts before a tool's output for the model. */
const OUTPUT_HEADER = /^(?:Chunk ID|Exit code|Script completed)[^\n]*\n(?:[^\n]*\n)*?Output:\n/;
const EXIT_CODE = /^(?:Process exited with code|Exit code:) (\d+)$/m;

/** Rollout line types besides messages, events and items (metadata, shown nowhere). */
const KNOWN_LINES = new Set(["session_meta", "world_state", "token_usage_record", "compacted"]);

type At = { time?: string };
type Tool = Extract<Message, { kind: "tool" }>;

/** Rollout lines: prompts, answers, reasoning, tool calls (each once) and their results. */
export function rolloutTranscript(): TranscriptParser {
  let model: string | undefined;
  let lastAnswer = "";
  let lastPrompt = "";
  const unknown = new UnknownTypes();
  /** Calls waiting for their output (apply_patch for its FileChange, exec for its nested tools). */
  const pending = new Map<string, Tool>();
  /** Call ids already shown (an item_completed repeating them adds nothing). */
  const seen = new Set<string>();
  /** The `exec` script calls whose nested tools were shown (their own line and output are not). */
  const nested = new Set<string>();
  /** Calls whose result was shown from their CommandExecution item (written before the output). */
  const resulted = new Set<string>();
  let running: string | undefined;

  const prompt = (text: string | undefined, at: At): Message[] => {
    if (!text || SCAFFOLDING.test(text) || text === lastPrompt) return [];
    lastPrompt = text;
    return [{ kind: "prompt", text, ...at }];
  };
  const answer = (text: string, at: At): Message[] => {
    if (!text || text === lastAnswer) return [];
    lastAnswer = text;
    lastPrompt = "";
    return [{ kind: "text", text, ...at, ...(model ? { model } : {}) }];
  };

  return {
    record(value) {
      const line = obj(value);
      const payload = obj(line?.payload);
      if (!line || !payload) return [];
      const time = str(line.timestamp);
      const at = time ? { time } : {};
      switch (line.type) {
        case "turn_context":
          model = str(payload.model) ?? model;
          return [];
        case "event_msg":
          return eventMessages(payload, at);
        case "response_item":
          return itemMessages(payload, at);
        default:
          unknown.note(line.type, KNOWN_LINES);
          return [];
      }
    },
    end: () => [...pending.values()],
    unknown: () => unknown.counts(),
  };

  function eventMessages(payload: Obj, at: At): Message[] {
    switch (payload.type) {
      case "user_message":
        return prompt(str(payload.message), at);
      case "agent_message":
        return answer(str(payload.message) ?? "", at);
      case "patch_apply_end": {
        const id = str(payload.call_id) ?? "";
        const tool = pending.get(id) ?? toolMessage("apply_patch", {}, { callId: id });
        pending.delete(id);
        setEdits(tool, changesEdits(obj(payload.changes)));
        return [tool];
      }
      case "item_completed":
        return completedItem(obj(payload.item) ?? {}, at);
      default:
        return [];
    }
  }

  function itemMessages(payload: Obj, at: At): Message[] {
    const callId = str(payload.call_id);
    const ids = callId ? { callId } : {};
    switch (payload.type) {
      case "message": {
        const text = arr(payload.content).map((c) => str(obj(c)?.text) ?? "").join("");
        if (payload.role === "user") return prompt(text, at);
        return payload.role === "assistant" ? answer(text, at) : [];
      }
      case "reasoning": {
        const text = arr(payload.summary).map((s) => str(obj(s)?.text) ?? "").join("\n");
        return text ? [{ kind: "thinking", text, ...at }] : [];
      }
      case "function_call": {
        const name = str(payload.name) ?? "tool";
        const input = objOrJson(payload.arguments) ?? {};
        const command = commandText(input.cmd) ?? commandText(input.command);
        if (callId) seen.add(callId);
        return [toolMessage(name, input, { ...ids, ...at, command })];
      }
      case "custom_tool_call": {
        const name = str(payload.name) ?? "tool";
        const input = str(payload.input) ?? "";
        const message = toolMessage(name, { input }, { ...ids, ...at }) as Tool;
        if (name === "apply_patch") setEdits(message, parseApplyPatch(input));
        if (!callId) return [message];
        seen.add(callId);
        pending.set(callId, message);
        if (name === "exec") running = callId;
        return [];
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const held = callId ? pending.get(callId) : undefined;
        if (callId) pending.delete(callId);
        if (callId && nested.has(callId)) return [];
        if (callId && resulted.has(callId)) return held ? [held] : [];
        const result = resultMessage(payload.output, ids, at);
        return [...(held ? [held] : []), ...(result ? [result] : [])];
      }
      case "additional_tools":
      case "web_search_call":
      case "local_shell_call":
        return [];
      default:
        return [];
    }
  }

  /** An item a tool call completed: a repeat of a call already shown (classic mode), or one of the
   * tools an `exec` script called (code mode), shown under the item's id, which the hooks use. */
  function completedItem(item: Obj, at: At): Message[] {
    const id = str(item.id);
    if (item.type === "UserMessage") {
      return prompt(arr(item.content).map((c) => str(obj(c)?.text) ?? "").join(""), at);
    }
    if (item.type !== "FileChange" && item.type !== "CommandExecution") return [];
    const edits = item.type === "FileChange" ? changesEdits(obj(item.changes)) : [];
    if (id && seen.has(id)) {
      const held = pending.get(id);
      if (held && edits.length) setEdits(held, edits);
      if (item.type !== "CommandExecution" || held) return [];
      // The command's result with its exit code, before the output line (which may not be written
      // yet when the hook reads the rollout); that line then adds nothing.
      resulted.add(id);
      return commandResult(item, { callId: id }, at);
    }
    if (running && pending.has(running)) nested.add(running);
    const ids = id ? { callId: id } : {};
    if (item.type === "FileChange") {
      return [toolMessage("apply_patch", {}, { ...ids, ...at, edits })];
    }
    const command = commandText(item.command);
    return [
      toolMessage("exec_command", { command }, { ...ids, ...at, command }),
      ...commandResult(item, ids, at),
    ];
  }
}

/** A CommandExecution item's output and exit code, as a result message. */
function commandResult(item: Obj, ids: { callId?: string }, at: At): Message[] {
  const text = str(item.aggregated_output) ?? str(item.formatted_output);
  const exitCode = num(item.exit_code);
  if (text === undefined && exitCode === undefined) return [];
  return [{
    kind: "result",
    text: text ?? "",
    ...ids,
    ...at,
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(exitCode ? { isError: true } : {}),
  }];
}

/** The result of a call: its output without Codex's header, with the exit code it states. */
function resultMessage(output: unknown, ids: { callId?: string }, at: At): Message | null {
  const raw = outputText(output);
  const code = EXIT_CODE.exec(raw.match(OUTPUT_HEADER)?.[0] ?? "");
  const text = raw.replace(OUTPUT_HEADER, "");
  if (!text) return null;
  return { kind: "result", text, ...ids, ...at, ...(code ? { exitCode: Number(code[1]) } : {}) };
}

/** Edits from `patch_apply_end.changes` or a FileChange (absolute paths with unified diffs or
 * whole contents). */
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

/** Tool output text: a string (a JSON one holding `output`), or a list of text items. */
function outputText(value: unknown): string {
  if (typeof value === "string") {
    const parsed = objOrJson(value);
    return parsed ? str(parsed.output) ?? value : value;
  }
  return arr(value).map((v) => str(obj(v)?.text) ?? "").join("");
}
