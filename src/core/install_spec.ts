/** What `git atrace install <agent>` writes for each agent: files, hook events and handlers. */
import type { Obj } from "./json.ts";

/** The command agents run; `<agent> <event>` follow it. */
const HOOK_COMMAND = "git-atrace hook";

/** How an agent's hooks are configured. */
export type InstallKind =
  /** `{"hooks":{"<Event>":[{"matcher","hooks":[handler]}]}}` (Claude Code, Gemini CLI, Codex). */
  | "grouped"
  /** `{"version":1,"hooks":{"<event>":[handler]}}` (Cursor, Copilot CLI). */
  | "flat"
  /** One executable script per event (Cline). */
  | "scripts"
  /** One plugin source file (OpenCode). */
  | "plugin";

/** One hook to register: the event, an optional tool matcher and the handler object. */
export interface HookEntry {
  event: string;
  matcher?: string;
  handler: Obj;
}

/** Everything install needs to know about one agent. */
export interface InstallSpec {
  agent: string;
  label: string;
  kind: InstallKind;
  /** Relative to the repository root; null when the agent has no project-level config. */
  project: string | null;
  /** Relative to the home directory (`$XDG_CONFIG_HOME`-style paths start with ".config/"). */
  global: string | null;
  hooks: HookEntry[];
  /** Top-level keys a new file gets (e.g. `version: 1`). */
  skeleton?: Obj;
  /** What the user still has to do after installing, if anything. */
  note?: string;
}

function command(agent: string, event: string): string {
  return `${HOOK_COMMAND} ${agent} ${event}`;
}

function grouped(agent: string, events: [string, string?][], extra: Obj = {}): HookEntry[] {
  return events.map(([event, matcher]) => ({
    event,
    ...(matcher ? { matcher } : {}),
    handler: { type: "command", command: command(agent, event), ...extra },
  }));
}

const CLINE_EVENTS = ["TaskStart", "TaskResume", "UserPromptSubmit", "PostToolUse", "TaskComplete"];

/** The install specification of every agent, in listing order. */
export const INSTALL_SPECS: InstallSpec[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
    agent: "cursor",
    label: "Cursor",
    kind: "flat",
    project: ".cursor/hooks.json",
    global: ".cursor/hooks.json",
    skeleton: { version: 1 },
    hooks: ["beforeSubmitPrompt", "afterFileEdit", "afterShellExecution", "stop"].map((event) => ({
      event,
      handler: { command: command("cursor", event), timeout: 30 },
    })),
  },
  {
    agent: "copilot-cli",
    label: "Copilot CLI",
    kind: "flat",
    project: ".github/hooks/git-atrace.json",
    global: null,
    skeleton: { version: 1 },
    hooks: ["sessionStart", "userPromptSubmitted", "postToolUse", "agentStop", "sessionEnd"].map((
      event,
    ) => ({
      event,
      handler: {
        type: "command",
        bash: command("copilot-cli", event),
        powershell: command("copilot-cli", event),
        timeoutSec: 30,
      },
    })),
  },
  {
    agent: "cline",
    label: "Cline",
    kind: "scripts",
    project: ".clinerules/hooks",
    global: "Documents/Cline/Hooks",
    hooks: CLINE_EVENTS.map((event) => ({ event, handler: { command: command("cline", event) } })),
    note: "turn on 'Enable Hooks' in Cline's settings",
  },
  {
    agent: "opencode",
    label: "OpenCode",
    kind: "plugin",
    project: ".opencode/plugins/git-atrace.ts",
    global: ".config/opencode/plugins/git-atrace.ts",
    hooks: [],
    note: "restart OpenCode to load the plugin",
  },
];

/** The spec of `agent` (canonical name), if it can be installed. */
export function installSpec(agent: string): InstallSpec | undefined {
  return INSTALL_SPECS.find((s) => s.agent === agent);
}

/** The marker line of the Cline hook scripts git-atrace writes. */
export const SCRIPT_MARK = "# git-atrace hook (installed by git atrace install cline)";

/** A Cline hook script: runs git-atrace, and answers `{"cancel":false}` even when it is missing. */
export function clineScript(event: string): string {
  return [
    "#!/bin/sh",
    SCRIPT_MARK,
    `${command("cline", event)} 2>/dev/null || { cat >/dev/null; echo '{"cancel":false}'; }`,
    "",
  ].join("\n");
}
