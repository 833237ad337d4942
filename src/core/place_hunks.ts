/** Line numbers for a transcript's diffs: the hook saw where each tool call's edit landed. */
import type { FileEdit, HookEvent, Hunk, Message } from "./model.ts";

/** A hunk whose position is known (an agent's old/new strings carry none). */
function placed(hunk: Hunk): boolean {
  return hunk.newStart > 0 || hunk.oldStart > 0;
}

/** An edit's hunks with positions: as recorded, or a single unplaced hunk put at the first added line. */
function placedHunks(edit: FileEdit): Hunk[] {
  if (edit.hunks.every(placed)) return edit.hunks;
  const [hunk] = edit.hunks;
  const start = edit.added[0]?.start;
  if (edit.hunks.length !== 1 || !hunk || start === undefined) return [];
  return [{ ...hunk, oldStart: start, newStart: start }];
}

/** The placed hunks of each tool call the hooks recorded, by call id. */
export function hunksByCall(events: HookEvent[]): Map<string, Hunk[]> {
  const out = new Map<string, Hunk[]>();
  for (const event of events) {
    if (!event.toolCallId || !event.edits?.length) continue;
    const hunks = event.edits.map(placedHunks);
    if (hunks.every((h) => h.length)) out.set(event.toolCallId, hunks.flat());
  }
  return out;
}

/** True when a message shows a diff without line numbers. */
export function needsPlacing(message: Message): boolean {
  return message.kind === "tool" && !!message.hunks?.length && !message.hunks.every(placed);
}

/** `messages` with the hooks' positioned hunks in place of unplaced ones of the same tool call. */
export function placeHunks(messages: Message[], byCall: Map<string, Hunk[]>): Message[] {
  return messages.map((m) => {
    if (m.kind !== "tool" || !m.callId || !needsPlacing(m)) return m;
    const hunks = byCall.get(m.callId);
    return hunks ? { ...m, hunks } : m;
  });
}
