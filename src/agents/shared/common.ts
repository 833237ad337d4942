/** Helpers the agent adapters share: event skeletons, diffs from text, shell output. */
import { createEdit, editFromHunks, hunkFromStrings, parseUnifiedDiff } from "../../core/diff.ts";
import type { Obj } from "../../core/json.ts";
import { obj, str, tryParse } from "../../core/json.ts";
import type { AgentName, EventKind, FileEdit, HookEvent, Message } from "../../core/model.ts";

/** An event of kind "other" for `agent`, ready to be filled in. */
export function baseEvent(agent: AgentName, sessionId: string, now: Date): HookEvent {
  return { kind: "other", agent, sessionId, time: now.toISOString() };
}

/** The lifecycle hooks Claude Code and Codex (whose hooks copy Claude's) name alike. */
const CLAUDE_STYLE_KINDS: Record<string, EventKind> = {
  SessionStart: "session",
  UserPromptSubmit: "prompt",
  Stop: "stop",
  SubagentStop: "stop",
  SessionEnd: "end",
};

/** The event of a Claude-style payload (`session_id`, `cwd`, `transcript_path`, `model`), or null
 * without a session id; `promptId` is the agent's turn id. */
export function claudeStyleEvent(
  agent: AgentName,
  payload: Obj,
  now: Date,
  promptId: string | undefined,
): HookEvent | null {
  const sessionId = str(payload.session_id);
  if (!sessionId) return null;
  const event = baseEvent(agent, sessionId, now);
  setIf(event, "cwd", str(payload.cwd));
  setIf(event, "transcriptPath", str(payload.transcript_path));
  setIf(event, "model", str(payload.model));
  setIf(event, "promptId", promptId);
  return event;
}

/** Completes a Claude-style event that is not a tool call: its kind, prompt and last words. */
export function lifecycleEvent(event: HookEvent, payload: Obj, name: string): HookEvent {
  event.kind = CLAUDE_STYLE_KINDS[name] ?? "other";
  setIf(event, "prompt", str(payload.prompt));
  setIf(event, "message", str(payload.last_assistant_message));
  return event;
}

/** Sets `event[key]` when `value` is defined. */
export function setIf<K extends keyof HookEvent>(
  event: HookEvent,
  key: K,
  value: HookEvent[K] | undefined,
): void {
  if (value !== undefined) event[key] = value;
}

/** An edit from unified diff text when it has hunks, else from the old and new strings. */
export function editFromDiff(
  path: string,
  diff: string | undefined,
  oldText = "",
  newText = "",
): FileEdit {
  const hunks = diff ? parseUnifiedDiff(diff).flatMap((f) => f.hunks) : [];
  if (hunks.length) return editFromHunks(path, "edit", hunks);
  if (!oldText && newText) return createEdit(path, newText);
  return editFromHunks(path, "edit", [hunkFromStrings(oldText, newText)]);
}

/** A JSON value given either as an object or as a JSON-encoded string. */
export function objOrJson(value: unknown): Obj | undefined {
  return obj(typeof value === "string" ? tryParse(value) : value);
}

/** A command given as a string or as an argv list (`["bash","-lc","…"]` keeps the script). */
export function commandText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === "string");
    const script = parts.length === 3 && /^-l?c$/.test(parts[1]!) ? parts[2] : undefined;
    return script ?? (parts.join(" ") || undefined);
  }
  return str(value);
}

/** What a tool message may carry besides its name and input. */
export interface ToolExtra {
  callId?: string | undefined;
  time?: string | undefined;
  edit?: FileEdit | null;
  /** Several files' edits (an apply_patch envelope); their files and hunks are concatenated. */
  edits?: FileEdit[];
  command?: string | undefined;
}

/** A tool message for a call, with the edits' files and hunks or the shell command. */
export function toolMessage(name: string, input: unknown, extra: ToolExtra): Message {
  const message: Message = { kind: "tool", name, files: [], input };
  if (extra.callId) message.callId = extra.callId;
  if (extra.time) message.time = extra.time;
  setEdits(message, extra.edit ? [extra.edit] : extra.edits ?? []);
  if (extra.command) message.command = extra.command;
  return message;
}

/** Gives a tool message the files and hunks of `edits` (nothing when there are none). */
export function setEdits(message: Message, edits: FileEdit[]): void {
  if (message.kind !== "tool" || !edits.length) return;
  message.files = edits.map((e) => e.path);
  message.hunks = edits.flatMap((e) => e.hunks);
}

/** The first group of the last match of a global `pattern` in `text`. */
export function lastMatch(text: string, pattern: RegExp): string | undefined {
  return [...text.matchAll(pattern)].map((m) => m[1]!).at(-1);
}

/** An ISO time for epoch milliseconds, or the string itself. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value).toISOString();
  return str(value);
}
