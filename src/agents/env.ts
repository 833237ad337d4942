/** How agents mark the shells they run commands in, so a git hook can tell an agent's commit. */
import type { AgentName } from "../core/model.ts";
import { ADAPTERS } from "./registry.ts";

/** Every variable whose presence may mean an agent's shell (for a cheap check in a git hook). */
export const ENV_MARKERS: string[] = [...ADAPTERS.flatMap((a) => a.env.markers), "AI_AGENT"];

/**
 * The agent whose shell this environment is, with the session id when exported; null for a person.
 * An agent's own markers win; `AI_AGENT` (the proposed cross-tool variable: `<name>`,
 * `<name>@<version>` or `<name>_<version>_<role>`) is read when none is set.
 */
export function agentFromEnv(
  env: (name: string) => string | undefined,
): { agent: AgentName; sessionId?: string } | null {
  const named = aiAgentName(env("AI_AGENT") ?? "");
  const adapter = ADAPTERS.find((a) => a.env.markers.some((name) => (env(name) ?? "") !== "")) ??
    ADAPTERS.find((a) => a.env.aiAgent.includes(named));
  if (!adapter) return null;
  const sessionId = adapter.env.session.map(env).find((v) => v);
  return sessionId ? { agent: adapter.name, sessionId } : { agent: adapter.name };
}

/** The agent's name in an `AI_AGENT` value: `claude-code_2.1.197_agent`, `cursor-cli@1.2`, `codex`. */
function aiAgentName(value: string): string {
  return value.toLowerCase().split(/[@_\s/]/)[0]!;
}
