/** All agent adapters, and how a payload or a name picks one. */
import type { Obj } from "../core/json.ts";
import type { AgentName } from "../core/model.ts";
import { claudeCode } from "./claude_code.ts";
import { cline } from "./cline.ts";
import { codex } from "./codex.ts";
import { copilotCli } from "./copilot_cli.ts";
import { cursor } from "./cursor.ts";
import { geminiCli } from "./gemini_cli.ts";
import { opencode } from "./opencode.ts";
import type { AgentAdapter } from "./types.ts";

/** Every adapter, in detection order (most specific payload shapes first; Claude Code last). */
const ADAPTERS: AgentAdapter[] = [
  cline,
  copilotCli,
  cursor,
  opencode,
  codex,
  geminiCli,
  claudeCode,
];

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
  return ADAPTERS.find((a) => a.name === canonical);
}

/** The adapter whose payload shape `payload` has; Claude Code's shape is the fallback. */
export function detectAdapter(payload: Obj): AgentAdapter {
  return ADAPTERS.find((a) => a.detect(payload)) ?? claudeCode;
}
