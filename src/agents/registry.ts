/** All agent adapters, and how a payload or a name picks one. */
import type { Obj } from "../core/json.ts";
import type { AgentName } from "../core/model.ts";
import { claudeCode } from "./claude_code.ts";
import type { AgentAdapter } from "./types.ts";

/** Every adapter, in detection order (most specific payload shapes first). */
export const ADAPTERS: AgentAdapter[] = [claudeCode];

const ALIASES: Record<string, AgentName> = {
  claude: "claude-code",
};

/** The adapter called `name` (or one of its aliases), if any. */
export function adapterByName(name: string): AgentAdapter | undefined {
  const canonical = ALIASES[name] ?? name;
  return ADAPTERS.find((a) => a.name === canonical);
}

/** The adapter whose payload shape `payload` has; Claude Code's shape is the fallback. */
export function detectAdapter(payload: Obj): AgentAdapter {
  return ADAPTERS.find((a) => a.detect(payload)) ?? claudeCode;
}
