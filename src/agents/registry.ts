/** All agent adapters, and how a payload or a name picks one. Adding an agent: its folder, one line here. */
import type { Obj } from "../core/json.ts";
import { type AgentName, CAPTURED_AGENTS } from "../core/model.ts";
import { claudeCode } from "./claude-code/adapter.ts";
import { cline } from "./cline/adapter.ts";
import { codex } from "./codex/adapter.ts";
import { copilotCli } from "./copilot-cli/adapter.ts";
import { cursor } from "./cursor/adapter.ts";
import { geminiCli } from "./gemini-cli/adapter.ts";
import { opencode } from "./opencode/adapter.ts";
import type { AgentAdapter, InstallSpec } from "./types.ts";

/** Every adapter, in detection order (most specific payload shapes first; Claude Code last). */
const DETECTION: AgentAdapter[] = [
  cline,
  copilotCli,
  cursor,
  opencode,
  codex,
  geminiCli,
  claudeCode,
];

/** Every adapter, in the order listings show agents (`CAPTURED_AGENTS`). */
export const ADAPTERS: AgentAdapter[] = [...DETECTION].sort((a, b) => rank(a.name) - rank(b.name));

function rank(name: AgentName): number {
  return (CAPTURED_AGENTS as readonly string[]).indexOf(name);
}

const ALIASES: Record<string, AgentName> = {
  claude: "claude-code",
  gemini: "gemini-cli",
  "codex-cli": "codex",
  copilot: "copilot-cli",
  "github-copilot": "copilot-cli",
  "cursor-agent": "cursor",
  "oh-my-opencode": "opencode",
};

/** The adapter called `name` (or one of its aliases), if any. */
export function adapterByName(name: string): AgentAdapter | undefined {
  const canonical = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  return DETECTION.find((a) => a.name === canonical);
}

/** The adapter whose payload shape `payload` has; Claude Code's shape is the fallback. */
export function detectAdapter(payload: Obj): AgentAdapter {
  return DETECTION.find((a) => a.detect(payload)) ?? claudeCode;
}

/** The install specification of every agent, in listing order. */
export const INSTALL_SPECS: InstallSpec[] = ADAPTERS.map((a) => a.install);

/** The install spec of `agent` (canonical name), if it can be installed. */
export function installSpec(agent: string): InstallSpec | undefined {
  return INSTALL_SPECS.find((s) => s.agent === agent);
}
