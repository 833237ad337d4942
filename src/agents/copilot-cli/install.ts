/** What `git atrace install copilot-cli` writes: `.github/hooks/git-atrace.json`. */
import { hookCommand } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

const EVENTS = ["sessionStart", "userPromptSubmitted", "postToolUse", "agentStop", "sessionEnd"];

/** Copilot CLI's hooks (project level only: the CLI reads `.github/hooks/*.json`). */
export const install: InstallSpec = {
  agent: "copilot-cli",
  label: "Copilot CLI",
  kind: "flat",
  project: ".github/hooks/git-atrace.json",
  global: null,
  skeleton: { version: 1 },
  hooks: EVENTS.map((event) => ({
    event,
    handler: {
      type: "command",
      bash: hookCommand("copilot-cli", event),
      powershell: hookCommand("copilot-cli", event),
      timeoutSec: 30,
    },
  })),
};
