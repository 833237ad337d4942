/** What `git atrace install claude-code` writes: `.claude/settings.json` hooks. */
import { grouped } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

/** Claude Code's hooks (synchronous: `-p` runs kill async ones at exit). */
export const install: InstallSpec = {
  agent: "claude-code",
  label: "Claude Code",
  kind: "grouped",
  project: ".claude/settings.json",
  global: ".claude/settings.json",
  hooks: grouped("claude-code", [
    ["SessionStart"],
    ["UserPromptSubmit"],
    ["PostToolUse", "Edit|Write|MultiEdit|NotebookEdit|Bash|PowerShell"],
    ["Stop"],
    ["SessionEnd"],
  ]),
};
