/** Helpers the agent adapters share: event skeletons, diffs from text, shell output. */
import { createEdit, editFromHunks, hunkFromStrings, parseUnifiedDiff } from "../core/diff.ts";
import type { Obj } from "../core/json.ts";
import { str } from "../core/json.ts";
import type { AgentName, FileEdit, HookEvent, Message } from "../core/model.ts";

/** An event of kind "other" for `agent`, ready to be filled in. */
export function baseEvent(agent: AgentName, sessionId: string, now: Date): HookEvent {
  return { kind: "other", agent, sessionId, time: now.toISOString() };
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
  if (typeof value === "string") {
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? value as Obj : undefined;
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

/** A tool message for a call, with the edit's file and hunks or the shell command. */
export function toolMessage(
  name: string,
  input: unknown,
  extra: { callId?: string; time?: string; edit?: FileEdit | null; command?: string },
): Message {
  const message: Message = { kind: "tool", name, files: [], input };
  if (extra.callId) message.callId = extra.callId;
  if (extra.time) message.time = extra.time;
  if (extra.edit) {
    message.files = [extra.edit.path];
    message.hunks = extra.edit.hunks;
  }
  if (extra.command) message.command = extra.command;
  return message;
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
