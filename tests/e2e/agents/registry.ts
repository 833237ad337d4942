/** Every driven run, in the order the suite plays them. */
import { claudeCode } from "./claude_code.ts";
import { cline } from "./cline.ts";
import { codexClassic, codexCodeMode } from "./codex.ts";
import { copilotCli } from "./copilot_cli.ts";
import { geminiCli } from "./gemini_cli.ts";
import { opencode } from "./opencode.ts";
import type { Driver } from "./types.ts";

/** All drivers (Codex runs twice: classic tools and code mode). */
export const DRIVERS: Driver[] = [
  claudeCode,
  geminiCli,
  codexClassic,
  codexCodeMode,
  opencode,
  cline,
  copilotCli,
];

/** Agents git-atrace supports whose CLI is not on npm, with why they are not driven. */
export const NOT_DRIVEN: Record<string, string> = {
  cursor: "Cursor's CLI (cursor-agent) is not published on npm; its captures are kept as recorded",
};
