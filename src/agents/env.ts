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
  for (const adapter of ADAPTERS) {
    const marks = adapter.env;
    if (!marks.markers.some((name) => (env(name) ?? "") !== "")) continue;
    const sessionId = marks.session.map(env).find((v) => v);
    return sessionId ? { agent: adapter.name, sessionId } : { agent: adapter.name };
  }
  const named = (env("AI_AGENT") ?? "").toLowerCase().split("@")[0]!;
  const adapter = ADAPTERS.find((a) => a.env.aiAgent.includes(named));
  return adapter ? { agent: adapter.name } : null;
}
