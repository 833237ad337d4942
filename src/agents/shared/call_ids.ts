/** What a hook payload lacks but the agent's transcript holds: the tool call's id (Gemini's
 * AfterTool, Copilot's postToolUse) and a shell command's exit code (Codex's Bash hook). */
import { obj } from "../../core/json.ts";
import type { HookEvent, Message } from "../../core/model.ts";
import type { AgentAdapter } from "../types.ts";
import { readTailText } from "./files.ts";

const TRANSCRIPT_TAIL = 512 * 1024;
const EVENTS_TAIL = 256 * 1024;

type Tool = Extract<Message, { kind: "tool" }>;

/** Completes a tool event from the tail of the session's transcript copy: the id of the latest
 * matching call no earlier event claimed, and the exit code its result records. */
export async function completeFromTranscript(
  adapter: AgentAdapter,
  event: HookEvent,
  transcript: string,
  events: string,
): Promise<void> {
  const needsId = !event.toolCallId && !!event.toolName;
  const needsCode = event.kind === "shell" && event.exitCode === undefined && !event.failed;
  if ((event.kind !== "edit" && event.kind !== "shell") || (!needsId && !needsCode)) return;
  const messages = parseTail(adapter, await readTailText(transcript, TRANSCRIPT_TAIL));
  if (needsId) {
    const claimed = claimedIds(await readTailText(events, EVENTS_TAIL));
    const match = messages.filter((m): m is Tool =>
      m.kind === "tool" && !!m.callId && !claimed.has(m.callId) && sameCall(event, m)
    ).at(-1);
    if (match?.callId) event.toolCallId = match.callId;
  }
  if (needsCode && event.toolCallId) {
    const result = messages.find((m) => m.kind === "result" && m.callId === event.toolCallId);
    if (result?.kind === "result" && result.exitCode !== undefined) {
      event.exitCode = result.exitCode;
    }
  }
}

/** True when the transcript's call `m` is the call the event reports. */
function sameCall(event: HookEvent, m: Tool): boolean {
  if (m.name !== event.toolName) return false;
  if (event.kind === "shell") return !!event.command && m.command?.trim() === event.command.trim();
  const edits = event.edits ?? [];
  if (!edits.length) return false;
  const added = new Set(
    (m.hunks ?? []).flatMap((h) => h.lines).filter((l) => l.startsWith("+")).map((l) => l.slice(1)),
  );
  return edits.every((edit) =>
    m.files.some((f) => f === edit.path || f.endsWith(`/${edit.path}`)) &&
    edit.addedLines.every((line) => added.has(line))
  );
}

function parseTail(adapter: AgentAdapter, text: string): Message[] {
  const parser = adapter.transcript();
  const out: Message[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(...parser.record(JSON.parse(line)));
    } catch {
      // A line cut short by the writer or by the tail's start.
    }
  }
  return out.concat(parser.end());
}

function claimedIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const line of text.split("\n")) {
    try {
      const id = obj(JSON.parse(line))?.toolCallId;
      if (typeof id === "string") ids.add(id);
    } catch {
      // A damaged or cut line claims nothing.
    }
  }
  return ids;
}
