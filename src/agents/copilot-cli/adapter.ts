/** GitHub Copilot CLI: camelCase and snake_case hook payloads, and session-state events.jsonl. */
import { obj } from "../../core/json.ts";
import { lastMatch } from "../shared/common.ts";
import { firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { copilotEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { eventsTranscript } from "./transcript.ts";

/** The Copilot CLI adapter. */
export const copilotCli: AgentAdapter = {
  name: "copilot-cli",
  label: "Copilot CLI",
  tested: ["1.0.102"],
  hookOutput: "",
  detect(payload) {
    if (typeof payload.sessionId === "string" && !payload.hookName) {
      return "toolName" in payload || "toolArgs" in payload ||
        typeof payload.timestamp === "number";
    }
    const input = obj(payload.tool_input);
    return typeof obj(payload.tool_response)?.resultType === "string" ||
      (input !== undefined && ("old_str" in input || "file_text" in input));
  },
  toEvent: copilotEvent,
  transcript: eventsTranscript,
  looksLikeTranscript: (head) =>
    firstLineIs(
      head,
      (r) => typeof r.type === "string" && /^[a-z_]+\.[a-z_.]+$/.test(r.type) && !!obj(r.data),
      /^\{"type":"[a-z_]+\.[a-z_.]+","data":/,
    ),
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"(?:model|selectedModel)":"([^"]+)"/g);
    const version = lastMatch(tail, /"copilotVersion":"([^"]+)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
  source,
  env: {
    markers: ["COPILOT_CLI"],
    session: ["COPILOT_AGENT_SESSION_ID"],
    aiAgent: ["copilot-cli", "copilot", "github-copilot"],
  },
  install,
};
