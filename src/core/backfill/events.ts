/** Hook events rebuilt from a transcript's own messages (prompts, edits, shell commands), and
 * their merge with the events a session already has. */
import { parseApplyPatch } from "../apply_patch.ts";
import { editFromHunks } from "../diff.ts";
import { diffLines } from "../line_diff.ts";
import type { AgentName, FileEdit, HookEvent, Hunk, Message } from "../model.ts";

/** What every rebuilt event of one session shares. */
export interface EventBase {
  agent: AgentName;
  sessionId: string;
  cwd?: string;
  transcriptPath?: string;
  /** The time of events whose messages carry none (the transcript's last change). */
  fallbackTime: string;
}

type ToolMessage = Extract<Message, { kind: "tool" }>;

/** What a transcript says about its session besides its events, gathered while reading it. */
export interface TranscriptFacts {
  firstTime?: string;
  lastTime?: string;
  firstPrompt?: string;
  model?: string;
}

/** Turns messages into events batch by batch (a transcript may be too big to hold whole). */
export class EventBuilder {
  readonly events: HookEvent[] = [];
  readonly facts: TranscriptFacts = {};

  constructor(private readonly base: EventBase) {}

  /** Adds the events of one batch of messages, in transcript order. */
  add(messages: Message[]): void {
    for (const message of messages) {
      if (message.time) {
        this.facts.firstTime ??= message.time;
        this.facts.lastTime = message.time;
      }
      if (message.kind === "prompt" && message.text.trim()) this.facts.firstPrompt ??= message.text;
      if (message.kind === "text" && message.model) this.facts.model = message.model;
      const event = eventOf(message, this.base, this.facts.lastTime ?? this.base.fallbackTime);
      if (event) this.events.push(event);
    }
  }

  /**
   * The session's events: `better` replaces a call's edits with the exact ones its result gave
   * (by tool-call id); `pathOf` turns a path as the agent wrote it into the stored form
   * (repo-relative inside the repository); an edit a transcript holds twice is kept once.
   */
  finish(better: Map<string, FileEdit[]>, pathOf: (path: string) => string): HookEvent[] {
    for (const event of this.events) {
      const exact = event.toolCallId ? better.get(event.toolCallId) : undefined;
      if (event.kind === "edit" && exact) event.edits = exact.map((e) => ({ ...e }));
      for (const edit of event.edits ?? []) edit.path = pathOf(edit.path);
    }
    return dedupe(this.events);
  }
}

function eventOf(message: Message, base: EventBase, time: string): HookEvent | null {
  const event: HookEvent = { kind: "other", agent: base.agent, sessionId: base.sessionId, time };
  if (base.cwd) event.cwd = base.cwd;
  if (base.transcriptPath) event.transcriptPath = base.transcriptPath;
  if (message.kind === "prompt") {
    if (!message.text.trim()) return null;
    return { ...event, kind: "prompt", prompt: message.text };
  }
  if (message.kind !== "tool") return null;
  event.toolName = message.name;
  if (message.callId) event.toolCallId = message.callId;
  const edits = toolEdits(message);
  if (edits.length) return { ...event, kind: "edit", edits };
  if (message.command) return { ...event, kind: "shell", command: message.command };
  return null;
}

/** The file edits of a tool message: one per file, each with its own hunks. */
export function toolEdits(message: ToolMessage): FileEdit[] {
  const hunks = message.hunks ?? [];
  if (!message.files.length || !hunks.length) return [];
  if (message.files.length === 1) return [editOf(message.files[0]!, hunks)];
  // Several files share one list of hunks: the patch envelope in the input says which is whose.
  const envelope = findEnvelope(message.input);
  const edits = envelope ? parseApplyPatch(envelope).filter((e) => e.op !== "delete") : [];
  if (edits.length) {
    return edits.map((e) => editOf(matchPath(e.path, message.files), e.hunks, e.op));
  }
  return message.files.map((path) => editOf(path, hunks));
}

/** An edit from hunks; hunks without line positions (old and new strings) keep only changed lines. */
function editOf(path: string, hunks: Hunk[], op?: FileEdit["op"]): FileEdit {
  const exact = hunks.flatMap((h) => h.newStart > 0 || h.oldStart > 0 ? [h] : changedOnly(h));
  return editFromHunks(path, op ?? (isCreation(hunks) ? "create" : "edit"), exact);
}

function isCreation(hunks: Hunk[]): boolean {
  return hunks.length === 1 && hunks[0]!.oldLines === 0 && hunks[0]!.newStart === 1 &&
    hunks[0]!.lines.every((l) => l.startsWith("+"));
}

/** An old/new string pair's hunk reduced to the lines that really changed (no positions). */
function changedOnly(hunk: Hunk): Hunk[] {
  const text = (mark: string) =>
    hunk.lines.filter((l) => l[0] === mark).map((l) => l.slice(1) + "\n").join("");
  return diffLines(text("-"), text("+"), 0).map((h) => ({
    ...h,
    oldStart: 0,
    newStart: 0,
  }));
}

function findEnvelope(input: unknown): string | null {
  if (typeof input === "string") return /^\*\*\* (Add|Update) File: /m.test(input) ? input : null;
  if (!input || typeof input !== "object") return null;
  for (const value of Object.values(input)) {
    const found = typeof value === "string" ? findEnvelope(value) : null;
    if (found) return found;
  }
  return null;
}

/** The message's spelling of `path` (absolute there, often relative in the envelope). */
function matchPath(path: string, files: string[]): string {
  const norm = path.replace(/^\.\//, "");
  return files.find((f) => f === norm || f.endsWith(`/${norm}`)) ?? path;
}

/** Keeps the first of identical edits of one file (a transcript may hold a change twice: the
 * call and its applied result), preferring the copy that names its tool call. */
function dedupe(events: HookEvent[]): HookEvent[] {
  const seen = new Map<string, HookEvent>();
  const out: HookEvent[] = [];
  for (const event of events) {
    const key = event.kind === "edit" ? signature(event) : null;
    const first = key ? seen.get(key) : undefined;
    if (!first) {
      if (key) seen.set(key, event);
      out.push(event);
    } else if (!first.toolCallId && event.toolCallId) {
      first.toolCallId = event.toolCallId;
      first.toolName = event.toolName ?? first.toolName!;
    }
  }
  return out;
}

/** What makes two events the same act, whoever recorded them (hook or transcript): null for
 * events a transcript does not rebuild. */
function signature(event: HookEvent): string | null {
  switch (event.kind) {
    case "prompt":
      return event.prompt ? `prompt\0${squash(event.prompt)}` : null;
    case "shell":
      return event.command ? `shell\0${squash(event.command)}` : null;
    case "edit":
      return "edit\0" + (event.edits ?? []).filter((e) => e.op !== "delete")
        .map((e) => `${e.path}\0${e.addedLines.join("\n")}`).join("\0\0");
    default:
      return null;
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/^"(.*)"$/, "$1");
}

/** The rebuilt events a session does not have yet: each act counted as often as it happened, so a
 * second import adds nothing and a grown transcript adds only its new acts. */
export function missingEvents(existing: HookEvent[], rebuilt: HookEvent[]): HookEvent[] {
  const have = new Map<string, number>();
  for (const event of existing) {
    const key = signature(event);
    if (key) have.set(key, (have.get(key) ?? 0) + 1);
  }
  return rebuilt.filter((event) => {
    const key = signature(event);
    if (!key) return false;
    const left = have.get(key) ?? 0;
    if (left > 0) {
      have.set(key, left - 1);
      return false;
    }
    return true;
  });
}
