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
      const at = time ? { time } : {};
      if (typeof line.message === "string") {
        return [
          line.type === "user"
            ? { kind: "prompt", text: line.message, ...at }
            : { kind: "text", text: line.message, ...at },
        ];
      }
      const message = obj(line.message);
      if (!message) return [];
      if (line.type === "user") return userMessages(message, line, at);
      return assistantMessages(message, at);
    },
    end: () => [],
  };
}

function userMessages(message: Obj, line: Obj, at: { time?: string }): Message[] {
  if (line.isMeta === true) return [];
  const content = message.content;
  if (typeof content === "string") {
    return NOT_A_PROMPT.test(content) ? [] : [{ kind: "prompt", text: content, ...at }];
  }
  const out: Message[] = [];
  const texts: string[] = [];
  for (const block of arr(content).map(obj)) {
    if (block?.type === "text" && str(block.text) && !NOT_A_PROMPT.test(block.text as string)) {
      texts.push(block.text as string);
    } else if (block?.type === "image") {
      texts.push("[image]");
    } else if (block?.type === "tool_result") {
      const result: Message = { kind: "result", text: resultText(block.content), ...at };
      if (str(block.tool_use_id)) result.callId = block.tool_use_id as string;
      if (block.is_error === true) result.isError = true;
      out.push(result);
    }
  }
  if (texts.length) out.unshift({ kind: "prompt", text: texts.join("\n"), ...at });
  return out;
}

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  return arr(content).map((b) => str(obj(b)?.text) ?? "").filter(Boolean).join("\n");
}

function assistantMessages(message: Obj, at: { time?: string }): Message[] {
  const model = str(message.model);
  const content = message.content;
  if (typeof content === "string") {
    return [{ kind: "text", text: content, ...at, ...(model ? { model } : {}) }];
  }
  const out: Message[] = [];
  for (const block of arr(content).map(obj)) {
    if (block?.type === "text" && str(block.text)) {
      out.push({ kind: "text", text: block.text as string, ...at, ...(model ? { model } : {}) });
    } else if (block?.type === "thinking" && str(block.thinking)) {
      out.push({ kind: "thinking", text: block.thinking as string, ...at });
    } else if (block?.type === "tool_use") {
      out.push(toolUseMessage(block, at));
    }
  }
  return out;
}

function toolUseMessage(block: Obj, at: { time?: string }): Message {
  const name = str(block.name) ?? "tool";
  const input = obj(block.input) ?? {};
  return toolMessage(name, input, {
    callId: str(block.id),
    ...at,
    edit: EDIT_TOOLS.has(name) ? editOf(name, input, {}) : null,
    command: SHELL_TOOLS.has(name) ? str(input.command) : undefined,
  });
}
