/** What `git atrace install codex` writes: `.codex/hooks.json`. */
import { grouped } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

/** Codex's hooks (timeouts in seconds; project hooks must be trusted in Codex). */
export const install: InstallSpec = {
  agent: "codex",
  label: "Codex CLI",
  kind: "grouped",
  project: ".codex/hooks.json",
  global: ".codex/hooks.json",
  hooks: grouped("codex", [
    ["SessionStart"],
    ["UserPromptSubmit"],
    ["PostToolUse", "apply_patch|Edit|Write|Bash"],
    ["Stop"],
  ], { timeout: 30 }),
  note:
    "review and trust the new hooks in Codex with /hooks (project hooks need a trusted project)",
};
