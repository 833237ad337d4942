/** Claude Code: hook payloads (PostToolUse, UserPromptSubmit, Stop, SessionEnd…) and JSONL transcripts. */
import { createEdit, editFromHunks, hunkFromStrings } from "../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../core/json.ts";
import type { FileEdit, HookEvent, Hunk, Message } from "../core/model.ts";
import { claudeStyleEvent, lifecycleEvent, setIf, toolMessage } from "./common.ts";
import { opencode } from "./opencode.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);
const SHELL_TOOLS = new Set(["Bash", "PowerShell"]);

/** The Claude Code adapter. */
export const claudeCode: AgentAdapter = {
  name: "claude-code",
  label: "Claude Code",
  hookOutput: "",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return /[/\\]\.claude[/\\]/.test(path) || typeof payload.permission_mode === "string" ||
      /^toolu_/.test(str(payload.tool_use_id) ?? "");
  },
  toEvent(payload, now, hint) {
    if (payload.hook_source === "opencode-plugin") return opencode.toEvent(payload, now, hint);
    const event = claudeStyleEvent("claude-code", payload, now, str(payload.prompt_id));
    if (!event) return null;
    const name = str(payload.hook_event_name) ?? (payload.tool_name ? "PostToolUse" : "");
    if (name === "PostToolUse" || name === "PreToolUse") return toolEvent(event, payload);
    return lifecycleEvent(event, payload, name);
  },
  transcript: claudeTranscript,
  sniffTranscript(tail) {
    const models = [...tail.matchAll(/"model":"([^"<>]+)"/g)].map((m) => m[1]!);
    const versions = [...tail.matchAll(/"version":"(\d+\.\d+\.\d+[^"]*)"/g)].map((m) => m[1]!);
    const result: { model?: string; agentVersion?: string } = {};
    const model = models.filter((m) => m !== "<synthetic>").at(-1);
    if (model) result.model = model;
    if (versions.length) result.agentVersion = versions.at(-1)!;
    return result;
  },
};

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
    setIf(event, "exitCode", num(response.exitCode) ?? num(response.exit_code));
    setIf(event, "durationMs", num(payload.duration_ms));
  }
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

const NOT_A_PROMPT = /^\s*<(command-|local-command-|task-notification|system-reminder)/;

function claudeTranscript(): TranscriptParser {
  return {
    record(value) {
      const line = obj(value);
      if (!line || (line.type !== "user" && line.type !== "assistant")) return [];
      const time = str(line.timestamp);
      if (typeof line.message === "string") {
        const kind = line.type === "user" ? "prompt" : "text";
        return [stamp({ kind, text: line.message }, time)];
      }
      const message = obj(line.message);
      if (!message) return [];
      if (line.type === "user") return line.isMeta === true ? [] : userMessages(message, time);
      return assistantMessages(message, time);
    },
    end: () => [],
  };
}

/** `message` with its `time` (after the fields set so far, as the JSON output orders them). */
function stamp<M extends Message>(message: M, time: string | undefined): M {
  if (time) message.time = time;
  return message;
}

function userMessages(message: Obj, time: string | undefined): Message[] {
  const content = message.content;
  if (typeof content === "string") {
    return NOT_A_PROMPT.test(content) ? [] : [stamp({ kind: "prompt", text: content }, time)];
  }
  const out: Message[] = [];
  let texts: string | undefined;
  for (const item of arr(content)) {
    const block = obj(item);
    let text: string | undefined;
    if (block?.type === "text") {
      text = str(block.text);
      if (text && NOT_A_PROMPT.test(text)) text = undefined;
    } else if (block?.type === "image") {
      text = "[image]";
    } else if (block?.type === "tool_result") {
      const result: Message = stamp({ kind: "result", text: resultText(block.content) }, time);
      if (str(block.tool_use_id)) result.callId = block.tool_use_id as string;
      if (block.is_error === true) result.isError = true;
      out.push(result);
    }
    if (text) texts = texts === undefined ? text : `${texts}\n${text}`;
  }
  if (texts !== undefined) out.unshift(stamp({ kind: "prompt", text: texts }, time));
  return out;
}

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  return arr(content).map((b) => str(obj(b)?.text) ?? "").filter(Boolean).join("\n");
}

function assistantMessages(message: Obj, time: string | undefined): Message[] {
  const model = str(message.model);
  const content = message.content;
  if (typeof content === "string") return [textMessage(content, time, model)];
  const out: Message[] = [];
  for (const item of arr(content)) {
    const block = obj(item);
    if (block?.type === "text" && str(block.text)) {
      out.push(textMessage(block.text as string, time, model));
    } else if (block?.type === "thinking" && str(block.thinking)) {
      out.push(stamp({ kind: "thinking", text: block.thinking as string }, time));
    } else if (block?.type === "tool_use") {
      out.push(toolUseMessage(block, time));
    }
  }
  return out;
}

function textMessage(text: string, time: string | undefined, model: string | undefined): Message {
  const message: Message = stamp({ kind: "text", text }, time);
  if (model) message.model = model;
  return message;
}

function toolUseMessage(block: Obj, time: string | undefined): Message {
  const name = str(block.name) ?? "tool";
  const input = obj(block.input) ?? {};
  return toolMessage(name, input, {
    callId: str(block.id),
    time,
    edit: EDIT_TOOLS.has(name) ? editOf(name, input, {}) : null,
    command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
  });
}
