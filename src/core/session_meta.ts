/** Pure updates of a session's metadata from its hook events. */
import { plainText } from "./colors.ts";
import type { HookEvent, SessionMeta } from "./model.ts";

/** A bound on a stored title, for prompts whose first line is a pasted file; displays cut far shorter. */
const TITLE_MAX = 2000;

/** A one-line title from a prompt: its first non-empty line, whole, without control characters
 * (displays cut it to their width; JSON, share and export keep it). */
export function titleFromPrompt(prompt: string): string {
  const line =
    prompt.slice(0, 64 * 1024).split(/\r?\n/).map((l) => plainText(l).replaceAll("\t", " ").trim())
      .find((l) => l !== "") ?? "";
  const chars = [...line];
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join("")}…` : line;
}

/** The metadata after `event`; `branch` is filled only when the metadata has none yet. */
export function applyEvent(
  meta: SessionMeta | null,
  event: HookEvent,
  branch?: string,
): SessionMeta {
  const next: SessionMeta = meta ? structuredClone(meta) : {
    id: event.sessionId,
    agent: event.agent,
    startedAt: event.time,
    updatedAt: event.time,
    counts: { events: 0, prompts: 0, edits: 0, shell: 0 },
  };
  if (next.agent === "unknown") next.agent = event.agent;
  if (event.time < next.startedAt) next.startedAt = event.time;
  if (event.time >= next.updatedAt && event.head) next.head = event.head;
  if (event.time > next.updatedAt) next.updatedAt = event.time;
  if (event.agentVersion) next.agentVersion = event.agentVersion;
  if (event.model) next.model = event.model;
  if (event.cwd && !next.cwd) next.cwd = event.cwd;
  if (event.transcriptPath) next.transcriptPath = event.transcriptPath;
  if (branch && !next.branch) next.branch = branch;
  if (event.prompt && !next.title) next.title = titleFromPrompt(event.prompt);
  next.counts.events++;
  if (event.kind === "prompt") next.counts.prompts++;
  if (event.kind === "edit") next.counts.edits++;
  if (event.kind === "shell") next.counts.shell++;
  return next;
}

/** Parses stored metadata, or null when it is missing or not an object with an id. */
export function parseMeta(text: string | null): SessionMeta | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text);
    if (value && typeof value === "object" && typeof value.id === "string") {
      value.counts ??= { events: 0, prompts: 0, edits: 0, shell: 0 };
      // A shared session's metadata was written elsewhere: what gets printed must stay plain text.
      for (const key of ["title", "agent", "agentVersion", "model", "branch"] as const) {
        if (typeof value[key] === "string") value[key] = plainText(value[key]);
      }
      return value as SessionMeta;
    }
  } catch {
    // A damaged metadata file is rebuilt by the next event; callers fall back to the legacy files.
  }
  return null;
}

/** The UTC timestamp format of the original `<id>.timestamp` files: YYYY-MM-DDTHH:MM:SSZ. */
export function legacyTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
