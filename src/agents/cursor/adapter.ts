/** Cursor (IDE and cursor-agent): hook payloads, agent-transcript JSONL and CLI store blobs. */
import { firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { cursorEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { cursorTranscript, mergeHookData } from "./transcript.ts";

/** The Cursor adapter (tested against synthetic fixtures only: its CLI is not on npm). */
export const cursor: AgentAdapter = {
  name: "cursor",
  label: "Cursor",
  tested: [],
  hookOutput: "{}",
  detect(payload) {
    return typeof payload.conversation_id === "string" || Array.isArray(payload.workspace_roots) ||
      typeof payload.cursor_version === "string";
  },
  toEvent: cursorEvent,
  transcript: cursorTranscript,
  looksLikeTranscript: (head) =>
    firstLineIs(
      head,
      (r) => typeof r.role === "string" && ("message" in r || "content" in r),
      /^\{"role":"/,
    ),
  merge: mergeHookData,
  source,
  env: {
    markers: ["CURSOR_AGENT"],
    session: ["CURSOR_CONVERSATION_ID"],
    aiAgent: ["cursor", "cursor-cli", "cursor-agent"],
  },
  install,
};
