/** What `git atrace install opencode` writes: the plugin file (hooks/opencode/git-atrace.ts). */
import type { InstallSpec } from "../types.ts";

/** OpenCode's plugin. */
export const install: InstallSpec = {
  agent: "opencode",
  label: "OpenCode",
  kind: "plugin",
  project: ".opencode/plugins/git-atrace.ts",
  global: ".config/opencode/plugins/git-atrace.ts",
  hooks: [],
  note: "restart OpenCode to load the plugin",
};
