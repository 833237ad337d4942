/** What `git atrace install cline` writes: one `.clinerules/hooks/<Event>` script per event. */
import { hookCommand } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

const EVENTS = ["TaskStart", "TaskResume", "UserPromptSubmit", "PostToolUse", "TaskComplete"];

/** Cline's hook scripts. */
export const install: InstallSpec = {
  agent: "cline",
  label: "Cline",
  kind: "scripts",
  project: ".clinerules/hooks",
  global: "Documents/Cline/Hooks",
  hooks: EVENTS.map((event) => ({ event, handler: { command: hookCommand("cline", event) } })),
  note: "turn on 'Enable Hooks' in Cline's settings",
};

/** The marker line of the Cline hook scripts git-atrace writes. */
export const SCRIPT_MARK = "# git-atrace hook (installed by git atrace install cline)";

/** A Cline hook script: runs git-atrace, and answers `{"cancel":false}` even when it is missing. */
export function clineScript(event: string): string {
  return [
    "#!/bin/sh",
    SCRIPT_MARK,
    `${hookCommand("cline", event)} 2>/dev/null || { cat >/dev/null; echo '{"cancel":false}'; }`,
    "",
  ].join("\n");
}
