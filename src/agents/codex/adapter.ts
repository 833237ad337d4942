/** Codex CLI: hook payloads (PostToolUse apply_patch/Bash, UserPromptSubmit, Stop…) and rollout JSONL. */
import { obj, str } from "../../core/json.ts";
import { lastMatch } from "../shared/common.ts";
import { firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { codexEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { rolloutTranscript } from "./transcript.ts";

/** The Codex CLI adapter. */
export const codex: AgentAdapter = {
  name: "codex",
  label: "Codex CLI",
  tested: ["0.171.0"],
  hookOutput: "",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return typeof payload.turn_id === "string" || /[/\\]\.codex[/\\]|[/\\]rollout-/.test(path) ||
      payload.type === "agent-turn-complete";
  },
  toEvent: codexEvent,
  transcript: rolloutTranscript,
  looksLikeTranscript: (head) =>
    firstLineIs(
      head,
      (r) => typeof r.type === "string" && obj(r.payload) !== undefined,
      /^\{"timestamp":"[^"]*",("ordinal":\d+,)?"type":"/,
    ),
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"model":"([^"]+)"/g);
    const version = lastMatch(tail, /"cli_version":"([^"]+)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
  source,
  env: {
    markers: ["CODEX_THREAD_ID", "CODEX_SANDBOX", "CODEX_SANDBOX_NETWORK_DISABLED", "CODEX_CI"],
    session: ["CODEX_THREAD_ID"],
    aiAgent: ["codex"],
  },
  install,
};
