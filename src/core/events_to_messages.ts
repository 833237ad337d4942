/** A conversation rebuilt from hook events, for sessions whose transcript cannot be had. */
import type { HookEvent, Message } from "./model.ts";

/** Messages for the events of a session, in order: prompts, tool calls with diffs, shell output, final words. */
export function messagesFromEvents(events: HookEvent[]): Message[] {
  const out: Message[] = [];
  for (const [index, event] of events.entries()) {
    const at = { time: event.time };
    // A shell call needs an id so its output shows; some agents (Cline, Gemini) give none.
    const id = event.toolCallId ?? (event.kind === "shell" ? `event-${index}` : undefined);
    const call = id ? { callId: id } : {};
    if (event.kind === "prompt" && event.prompt) {
      out.push({ kind: "prompt", text: event.prompt, ...at });
    }
    if (event.kind === "edit") {
      for (const edit of event.edits ?? []) {
        out.push({
          kind: "tool",
          name: event.toolName ?? "edit",
          files: [edit.path],
          hunks: edit.hunks,
          ...call,
          ...at,
        });
      }
    }
    if (event.kind === "shell" && event.command) {
      out.push({
        kind: "tool",
        name: event.toolName ?? "shell",
        files: [],
        command: event.command,
        ...call,
        ...at,
      });
      if (event.output) out.push({ kind: "result", text: event.output, ...call, ...at });
    }
    if (event.kind === "stop" && event.message) {
      out.push({ kind: "text", text: event.message, ...at });
    }
  }
  return out;
}

/** Parses `<id>.events` text, skipping damaged lines. */
export function parseEvents(text: string): HookEvent[] {
  const events: HookEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === "object" && typeof value.kind === "string") events.push(value);
    } catch {
      // A line cut short by a crash is skipped; the rest of the log stays usable.
    }
  }
  return events;
}
