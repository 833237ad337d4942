/** What `git atrace install gemini-cli` writes: `.gemini/settings.json` hooks. */
import { grouped } from "../shared/install.ts";
import type { InstallSpec } from "../types.ts";

/** Gemini CLI's hooks (named handlers, timeouts in milliseconds). */
export const install: InstallSpec = {
  agent: "gemini-cli",
  label: "Gemini CLI",
  kind: "grouped",
  project: ".gemini/settings.json",
  global: ".gemini/settings.json",
  hooks: grouped("gemini-cli", [
    ["SessionStart"],
    ["BeforeAgent"],
    ["AfterTool", "write_file|replace|run_shell_command"],
    ["AfterAgent"],
    ["SessionEnd"],
  ], { timeout: 10000 }).map((h) => ({
    ...h,
    handler: { name: `git-atrace-${h.event}`, ...h.handler },
  })),
};
