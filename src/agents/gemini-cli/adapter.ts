/** Gemini CLI: hook payloads (BeforeAgent, AfterTool, AfterAgent…) and chat files (JSONL and legacy JSON). */
import { str } from "../../core/json.ts";
import { lastMatch } from "../shared/common.ts";
import { documentIs, firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { geminiEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { geminiTranscript } from "./transcript.ts";

const GEMINI_TOOLS = new Set(["write_file", "replace", "run_shell_command"]);
const GEMINI_EVENTS = new Set([
  "BeforeAgent",
  "AfterAgent",
  "BeforeTool",
  "AfterTool",
  "BeforeModel",
  "AfterModel",
  "BeforeToolSelection",
  "PreCompress",
]);

/** The Gemini CLI adapter. */
export const geminiCli: AgentAdapter = {
  name: "gemini-cli",
  label: "Gemini CLI",
  tested: ["0.61.0"],
  hookOutput: "{}",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return /[/\\]\.gemini[/\\]/.test(path) ||
      GEMINI_EVENTS.has(str(payload.hook_event_name) ?? "") ||
      GEMINI_TOOLS.has(str(payload.tool_name) ?? "") ||
      typeof payload.timestamp === "string" && typeof payload.hook_event_name === "string";
  },
  toEvent: geminiEvent,
  transcript: geminiTranscript,
  looksLikeTranscript: (head) =>
    firstLineIs(
      head,
      (r) => typeof r.sessionId === "string" && ("projectHash" in r || "startTime" in r),
      /^\{"sessionId":/,
    ) || documentIs(head, /^\s*\{\s*"sessionId"\s*:\s*"[^"]*"\s*,\s*"projectHash"/),
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"model":"([^"]+)"/g);
    return model ? { model } : {};
  },
  source,
  env: {
    markers: ["GEMINI_CLI"],
    session: ["GEMINI_SESSION_ID"],
    aiAgent: ["gemini-cli", "gemini"],
  },
  install,
};
