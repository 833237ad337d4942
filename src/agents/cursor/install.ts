/** What `git atrace install cursor` writes: `.cursor/hooks.json`. */
import { hookCommand } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

/** Cursor's hooks (`version: 1`, one handler list per event). */
export const install: InstallSpec = {
  agent: "cursor",
  label: "Cursor",
  kind: "flat",
  project: ".cursor/hooks.json",
  global: ".cursor/hooks.json",
  skeleton: { version: 1 },
  hooks: ["beforeSubmitPrompt", "afterFileEdit", "afterShellExecution", "stop"].map((event) => ({
    event,
    handler: { command: hookCommand("cursor", event), timeout: 30 },
  })),
};
