/** OpenCode: plugin payloads (API v1 and v2), oh-my-opencode's Claude-style hooks, and exported sessions. */
import { parseApplyPatch } from "../core/apply_patch.ts";
import { createEdit, editFromHunks, hunkFromStrings } from "../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../core/json.ts";
import type { FileEdit, HookEvent, Message } from "../core/model.ts";
import { baseEvent, editFromDiff, isoTime, lastMatch, setIf, toolMessage } from "./common.ts";
import type { AgentAdapter, TranscriptParser } from "./types.ts";

const SHELL_TOOLS = new Set(["bash", "shell"]);
const CLAUDE_NAMES: Record<string, string> = {
  Edit: "edit",
  Write: "write",
  MultiEdit: "multiedit",
  ApplyPatch: "apply_patch",
  Bash: "bash",
};

/** The OpenCode adapter (also for oh-my-opencode's Claude-style command hooks). */
export const opencode: AgentAdapter = {
  name: "opencode",
  label: "OpenCode",
  hookOutput: "",
  detect(payload) {
    const input = obj(payload.input);
    return payload.hook_source === "opencode-plugin" ||
      /^ses_/.test(str(payload.session_id) ?? str(payload.sessionID) ?? "") ||
      /^ses_/.test(str(input?.sessionID) ?? "") ||
      /^(tool\.execute\.|execute\.|chat\.message|session\.)/.test(str(payload.hook) ?? "") ||
      /^(session|message|file)\./.test(str(payload.type) ?? "") &&
        obj(payload.properties) !== undefined;
  },
  toEvent(payload, now, hint) {
    if (payload.hook_source === "opencode-plugin" || "hook_event_name" in payload) {
      return ohMyOpenCodeEvent(payload, now, hint);
    }
    const input = obj(payload.input) ?? {};
    const props = obj(payload.properties) ?? {};
    const sessionId = str(payload.sessionID) ?? str(input.sessionID) ?? str(props.sessionID) ??
      str(obj(props.info)?.id);
    if (!sessionId) return null;
    const event = baseEvent("opencode", sessionId, now);
    setIf(event, "cwd", str(payload.directory) ?? str(payload.cwd));
    setIf(event, "agentVersion", str(payload.version));
    const hook = str(payload.hook) ?? str(payload.type) ?? hint ?? "";
    if (hook === "tool.execute.after") {
      const output = obj(payload.output) ?? {};
      return toolEvent(event, str(input.tool) ?? "", obj(input.args) ?? {}, {
        callId: str(input.callID),
        metadata: obj(output.metadata) ?? {},
        text: str(output.output),
      });
    }
    if (hook === "execute.after" || (str(payload.tool) && !hook)) {
      const output = obj(payload.output) ?? {};
      const result = obj(payload.result) ?? {};
      const texts = arr(output.content).map((c) => str(obj(c)?.text) ?? "").join("\n");
      return toolEvent(event, str(payload.tool) ?? "", obj(payload.input) ?? {}, {
        callId: str(payload.callID),
        metadata: { ...obj(result.value), ...obj(output.structured), ...obj(output.metadata) },
        text: str(output.output) ?? (texts || str(result.value)),
      });
    }
    if (hook === "chat.message") {
      event.kind = "prompt";
      const parts = arr(obj(payload.output)?.parts).map(obj);
      const text = parts.filter((p) => p?.type === "text" && p.synthetic !== true)
        .map((p) => str(p!.text) ?? "").join("\n");
      if (text) event.prompt = text;
    } else if (hook === "session.idle" || hook === "session.stop") {
      event.kind = "stop";
    } else if (hook === "session.created") {
      event.kind = "session";
    } else if (hook === "session.deleted") {
      event.kind = "end";
    }
    return event;
  },
  transcript: exportTranscript,
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"modelID":"([^"]+)"/g);
    const version = lastMatch(tail, /"version":"(\d+\.\d+\.\d+[^"]*)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
};

interface ToolResult {
  callId: string | undefined;
  metadata: Obj;
  text: string | undefined;
}

function toolEvent(event: HookEvent, tool: string, args: Obj, result: ToolResult): HookEvent {
  event.toolName = tool;
  setIf(event, "toolCallId", result.callId);
  const edits = editsOf(tool, args, result.metadata);
  if (edits.length) {
    event.kind = "edit";
    event.edits = edits;
  } else if (SHELL_TOOLS.has(tool)) {
    event.kind = "shell";
    setIf(event, "command", str(args.command));
    setIf(event, "output", str(result.metadata.output) ?? result.text);
    setIf(event, "exitCode", num(result.metadata.exit) ?? num(result.metadata.exitCode));
  }
  return event;
}

/** oh-my-opencode payloads: Claude's shape with PascalCase tools and snake_case inputs. */
function ohMyOpenCodeEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
  const sessionId = str(payload.session_id);
  if (!sessionId) return null;
  const event = baseEvent("opencode", sessionId, now);
  setIf(event, "cwd", str(payload.cwd));
  const name = str(payload.hook_event_name) ?? hint ?? "";
  if (name === "PostToolUse") {
    const raw = str(payload.tool_name) ?? "";
    const tool = CLAUDE_NAMES[raw] ?? raw.toLowerCase();
    const input = camelKeys(obj(payload.tool_input) ?? {});
    const response = obj(payload.tool_response) ?? {};
    return toolEvent(event, tool, input, {
      callId: str(payload.tool_use_id),
      metadata: obj(response.metadata) ?? {},
      text: str(response.output),
    });
  }
  event.kind = name === "UserPromptSubmit" ? "prompt" : name === "Stop" ? "stop" : "other";
  setIf(event, "prompt", str(payload.prompt));
  return event;
}

function camelKeys(input: Obj): Obj {
  return Object.fromEntries(
    Object.entries(input).map((
      [k, v],
    ) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

/** The files an OpenCode tool call changed, with the diff from its metadata when present. */
function editsOf(tool: string, args: Obj, metadata: Obj): FileEdit[] {
  const path = str(args.filePath) ?? str(args.path);
  const files = arr(metadata.files).map(obj).filter((f) => str(f?.file) && str(f?.patch));
  if (tool === "apply_patch" || tool === "patch") {
    if (files.length) return files.map((f) => editFromDiff(f!.file as string, f!.patch as string));
    return parseApplyPatch(str(args.patchText) ?? str(args.patch) ?? "");
  }
  if (!path) return [];
  const filediff = obj(metadata.filediff);
  const diff = str(metadata.diff) ?? str(filediff?.patch) ?? str(files[0]?.patch);
  if (tool === "edit") {
    return [editFromDiff(path, diff, str(args.oldString) ?? "", str(args.newString) ?? "")];
  }
  if (tool === "write") {
    if (diff) return [editFromDiff(path, diff)];
    return [createEdit(path, str(args.content) ?? "")];
  }
  if (tool === "multiedit") {
    if (diff) return [editFromDiff(path, diff)];
    const hunks = arr(args.edits).map(obj).map((e) =>
      hunkFromStrings(str(e?.oldString) ?? "", str(e?.newString) ?? "")
    );
    return [editFromHunks(path, "edit", hunks)];
  }
  return [];
}

/** `opencode export` documents (`{info, messages:[{info, parts}]}`), or one `{info, parts}` per line. */
function exportTranscript(): TranscriptParser {
  const parse = (value: unknown): Message[] => {
    const doc = obj(value);
    if (!doc) return [];
    if (Array.isArray(doc.messages)) return doc.messages.flatMap(parse);
    const info = obj(doc.info) ?? {};
    const parts = arr(doc.parts).map((p) => obj(p) ?? {});
    const time = isoTime(obj(info.time)?.created);
    const at = time ? { time } : {};
    if (info.role === "user") {
      const text = parts.filter((p) => p.type === "text" && p.synthetic !== true)
        .map((p) => str(p.text) ?? "").filter(Boolean).join("\n");
      return text ? [{ kind: "prompt", text, ...at }] : [];
    }
    if (info.role !== "assistant") return [];
    const model = str(info.modelID);
    return parts.flatMap((part) => partMessages(part, at, model));
  };
  return { record: parse, end: () => [] };
}

function partMessages(part: Obj, at: { time?: string }, model?: string): Message[] {
  const time = isoTime(obj(part.time)?.start) ?? at.time;
  const when = time ? { time } : {};
  if (part.type === "text" && str(part.text) && part.synthetic !== true) {
    return [{ kind: "text", text: part.text as string, ...when, ...(model ? { model } : {}) }];
  }
  if (part.type === "reasoning" && str(part.text)) {
    return [{ kind: "thinking", text: part.text as string, ...when }];
  }
  if (part.type !== "tool") return [];
  const tool = str(part.tool) ?? "tool";
  const state = obj(part.state) ?? {};
  const input = obj(state.input) ?? {};
  const callId = str(part.callID);
  const stateTime = isoTime(obj(state.time)?.start) ?? at.time;
  const stamp = stateTime ? { time: stateTime } : {};
  const out: Message[] = [
    toolMessage(tool, input, {
      callId,
      ...stamp,
      edits: editsOf(tool, input, obj(state.metadata) ?? {}),
      command: SHELL_TOOLS.has(tool) ? str(input.command) : undefined,
    }),
  ];
  const text = str(state.output) ?? str(state.error);
  if (text) {
    const result: Message = { kind: "result", text, ...stamp };
    if (callId) result.callId = callId;
    if (state.status === "error") result.isError = true;
    out.push(result);
  }
  return out;
}
