/** Claude Code: hook payloads (PostToolUse, UserPromptSubmit, Stop, SessionEnd…) and JSONL transcripts. */
import { str } from "../../core/json.ts";
import { opencode } from "../opencode/adapter.ts";
import { firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { claudeEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { claudeTranscript } from "./transcript.ts";

/** The Claude Code adapter. */
export const claudeCode: AgentAdapter = {
  name: "claude-code",
  label: "Claude Code",
  tested: ["2.1.197"],
  hookOutput: "",
  detect(payload) {
    const path = str(payload.transcript_path) ?? "";
    return /[/\\]\.claude[/\\]/.test(path) || typeof payload.permission_mode === "string" ||
      /^toolu_/.test(str(payload.tool_use_id) ?? "");
  },
  toEvent(payload, now, hint) {
    if (payload.hook_source === "opencode-plugin") return opencode.toEvent(payload, now, hint);
    return claudeEvent(payload, now);
  },
  transcript: claudeTranscript,
  looksLikeTranscript: (head) =>
    firstLineIs(
      head,
      (r) =>
        typeof r.type === "string" &&
        ["sessionId", "uuid", "leafUuid", "messageId"].some((k) => typeof r[k] === "string"),
      /^\{"(type|parentUuid|isSidechain)":/,
    ),
  sniffTranscript(tail) {
    const models = [...tail.matchAll(/"model":"([^"<>]+)"/g)].map((m) => m[1]!);
    const versions = [...tail.matchAll(/"version":"(\d+\.\d+\.\d+[^"]*)"/g)].map((m) => m[1]!);
    const result: { model?: string; agentVersion?: string } = {};
    const model = models.filter((m) => m !== "<synthetic>").at(-1);
    if (model) result.model = model;
    if (versions.length) result.agentVersion = versions.at(-1)!;
    return result;
  },
  source,
  env: {
    markers: ["CLAUDECODE"],
    session: ["CLAUDE_CODE_SESSION_ID", "CLAUDE_SESSION_ID"],
    aiAgent: ["claude-code", "claude"],
  },
  install,
};
