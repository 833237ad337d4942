/** OpenCode plugin payloads (API v1 and v2) and oh-my-opencode's Claude-style hooks → events. */
import { parseApplyPatch } from "../../core/apply_patch.ts";
import { createEdit, editFromHunks, hunkFromStrings } from "../../core/diff.ts";
import { arr, num, type Obj, obj, str } from "../../core/json.ts";
import type { FileEdit, HookEvent } from "../../core/model.ts";
import { baseEvent, editFromDiff, setIf } from "../shared/common.ts";

/** Tools that run shell commands. */
export const SHELL_TOOLS = new Set(["bash", "shell"]);
const CLAUDE_NAMES: Record<string, string> = {
  Edit: "edit",
  Write: "write",
  MultiEdit: "multiedit",
  ApplyPatch: "apply_patch",
  Bash: "bash",
};

/** The event of an OpenCode plugin payload, or null without a session id. */
export function opencodeEvent(payload: Obj, now: Date, hint?: string): HookEvent | null {
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
}

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
export function editsOf(tool: string, args: Obj, metadata: Obj): FileEdit[] {
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
