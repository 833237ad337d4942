/** Cline: hook payloads (PostToolUse, UserPromptSubmit, TaskComplete…) and the task folder's history. */
import { documentIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { clineEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { historyTranscript } from "./transcript.ts";

/** The Cline adapter. */
export const cline: AgentAdapter = {
  name: "cline",
  label: "Cline",
  tested: ["3.0.65"],
  hookOutput: '{"cancel":false}',
  detect(payload) {
    return typeof payload.taskId === "string" &&
      (typeof payload.hookName === "string" || typeof payload.clineVersion === "string");
  },
  toEvent: clineEvent,
  transcript: historyTranscript,
  looksLikeTranscript: (head) =>
    documentIs(head, /^\s*\[\s*(\]|\{\s*"role"\s*:)/) ||
    documentIs(
      head,
      /^\s*\{(?=[^[]*"version"\s*:)[^[]*"sessionId"\s*:[^[]*"messages"\s*:\s*\[\s*(\]|\{)/,
    ),
  source,
  env: { markers: ["CLINE_ACTIVE"], session: ["CLINE_TASK_ID"], aiAgent: ["cline"] },
  install,
};
