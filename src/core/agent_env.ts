/** How each agent marks the shells it runs commands in, so a git hook can tell an agent's commit. */
import type { AgentName } from "./model.ts";

/** One agent's marks: any `markers` variable set (non-empty) means the agent's shell. */
export interface AgentEnvMark {
  agent: AgentName;
  markers: string[];
  /** Variables that carry the session id, when the agent exports one. */
  session: string[];
}

/**
 * The known marks. Claude Code sets CLAUDECODE=1 in its Bash tool; Gemini CLI sets GEMINI_CLI=1
 * (and GEMINI_SESSION_ID in hooks); Codex exports CODEX_THREAD_ID (and CODEX_SANDBOX* when
 * sandboxed); cursor-agent sets CURSOR_AGENT=1; OpenCode sets OPENCODE=1 (and AGENT=1); Copilot CLI
 * sets COPILOT_CLI=1 and COPILOT_AGENT_SESSION_ID; Cline sets CLINE_ACTIVE=true in its terminals.
 * `AI_AGENT=<name>` (the proposed cross-tool variable) is read when no specific mark is set.
 */
export const AGENT_ENV: AgentEnvMark[] = [
  { agent: "claude-code", markers: ["CLAUDECODE"], session: ["CLAUDE_SESSION_ID"] },
  { agent: "gemini-cli", markers: ["GEMINI_CLI"], session: ["GEMINI_SESSION_ID"] },
  {
    agent: "codex",
    markers: ["CODEX_THREAD_ID", "CODEX_SANDBOX", "CODEX_SANDBOX_NETWORK_DISABLED", "CODEX_CI"],
    session: ["CODEX_THREAD_ID"],
  },
  { agent: "cursor", markers: ["CURSOR_AGENT"], session: ["CURSOR_CONVERSATION_ID"] },
  { agent: "opencode", markers: ["OPENCODE", "OPENCODE_CLIENT"], session: ["OPENCODE_SESSION_ID"] },
  { agent: "copilot-cli", markers: ["COPILOT_CLI"], session: ["COPILOT_AGENT_SESSION_ID"] },
  { agent: "cline", markers: ["CLINE_ACTIVE"], session: ["CLINE_TASK_ID"] },
];

/** Every variable whose presence may mean an agent's shell (for a cheap check in a git hook). */
export const ENV_MARKERS: string[] = [...AGENT_ENV.flatMap((m) => m.markers), "AI_AGENT"];

/** The agent whose shell this environment is, with the session id when exported; null for a person. */
export function agentFromEnv(
  env: (name: string) => string | undefined,
): { agent: AgentName; sessionId?: string } | null {
  for (const mark of AGENT_ENV) {
    if (!mark.markers.some((name) => (env(name) ?? "") !== "")) continue;
    const sessionId = mark.session.map(env).find((v) => v);
    return sessionId ? { agent: mark.agent, sessionId } : { agent: mark.agent };
  }
  const named = (env("AI_AGENT") ?? "").toLowerCase().split("@")[0]!;
  const agent = AI_AGENT_NAMES[named];
  return agent ? { agent } : null;
}

const AI_AGENT_NAMES: Record<string, AgentName> = {
  "claude-code": "claude-code",
  claude: "claude-code",
  "gemini-cli": "gemini-cli",
  gemini: "gemini-cli",
  codex: "codex",
  cursor: "cursor",
  "cursor-cli": "cursor",
  "cursor-agent": "cursor",
  opencode: "opencode",
  "copilot-cli": "copilot-cli",
  copilot: "copilot-cli",
  cline: "cline",
};
