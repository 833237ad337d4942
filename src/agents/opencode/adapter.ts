/** OpenCode: plugin payloads (API v1 and v2), oh-my-opencode's Claude-style hooks, and exported sessions. */
import { obj, str } from "../../core/json.ts";
import { lastMatch } from "../shared/common.ts";
import { documentIs, firstLineIs } from "../shared/looks.ts";
import type { AgentAdapter } from "../types.ts";
import { opencodeEvent } from "./hook.ts";
import { install } from "./install.ts";
import { source } from "./source.ts";
import { exportTranscript } from "./transcript.ts";

/** The OpenCode adapter (also for oh-my-opencode's Claude-style command hooks). */
export const opencode: AgentAdapter = {
  name: "opencode",
  label: "OpenCode",
  tested: ["1.18.33"],
  hookOutput: "",
  detect(payload) {
    const input = obj(payload.input);
    return payload.hook_source === "opencode-plugin" ||
      /^ses_/.test(str(payload.session_id) ?? str(payload.sessionID) ?? "") ||
      /^ses_/.test(str(input?.sessionID) ?? "") ||
      /^(tool\.execute\.|execute\.|chat\.message|session\.)/.test(str(payload.hook) ?? "") ||
      /^(session|message|file)\./.test(str(payload.type) ?? "") &&
        obj(payload.properties) !== undefined;
  },
  toEvent: opencodeEvent,
  transcript: exportTranscript,
  looksLikeTranscript: (head) =>
    documentIs(head, /^\s*\{\s*"info"\s*:\s*\{/) ||
    firstLineIs(head, (r) => !!obj(r.info) && Array.isArray(r.parts), /^\{"info":\{/),
  sniffTranscript(tail) {
    const model = lastMatch(tail, /"modelID":"([^"]+)"/g);
    const version = lastMatch(tail, /"version":"(\d+\.\d+\.\d+[^"]*)"/g);
    return { ...(model ? { model } : {}), ...(version ? { agentVersion: version } : {}) };
  },
  source,
  env: {
    markers: ["OPENCODE", "OPENCODE_CLIENT"],
    session: ["OPENCODE_SESSION_ID"],
    aiAgent: ["opencode"],
  },
  install,
};
