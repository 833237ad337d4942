/** The normalized models every agent adapter produces: hook events and conversation messages. */

/** The agents git-atrace captures, in the order listings show them. */
export const CAPTURED_AGENTS = [
  "claude-code",
  "gemini-cli",
  "opencode",
  "codex",
  "cursor",
  "copilot-cli",
  "cline",
] as const;

/** An agent's name; "import" for imported records, "unknown" when a payload cannot be attributed. */
export type AgentName = typeof CAPTURED_AGENTS[number] | "import" | "unknown";

/** One hunk of a unified diff; `lines` keep their ' ', '-', '+' prefixes. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** An inclusive 1-based line range in the file after the edit. */
export interface LineRange {
  start: number;
  end: number;
}

/** One file changed by one tool call. */
export interface FileEdit {
  /** Repo-relative with '/' separators when inside the repository, absolute otherwise. */
  path: string;
  op: "edit" | "create" | "delete";
  hunks: Hunk[];
  /** Lines the edit added, in the new file; empty when the agent gave no positions. */
  added: LineRange[];
  /** Added line texts, for content matching when positions are unknown. */
  addedLines: string[];
}

/** What a hook event was about. */
export type EventKind = "session" | "prompt" | "edit" | "shell" | "stop" | "end" | "other";

/** One normalized record per hook call, as stored in `<id>.events`. */
export interface HookEvent {
  kind: EventKind;
  agent: AgentName;
  sessionId: string;
  time: string;
  cwd?: string;
  transcriptPath?: string;
  model?: string;
  agentVersion?: string;
  toolName?: string;
  toolCallId?: string;
  promptId?: string;
  prompt?: string;
  edits?: FileEdit[];
  command?: string;
  output?: string;
  exitCode?: number;
  /** The tool call failed (the agent said so; its exit code may be unknown): it changed nothing
   * and created no commit. */
  failed?: boolean;
  /** The assistant's last words at a stop, when the agent hands them over. */
  message?: string;
  /** The commit this event's command created, once confirmed. */
  commit?: string;
  /** How long the tool call ran, when the payload says (commits older than its start are not its own). */
  durationMs?: number;
  /** HEAD's sha when the hook ran (40 zeros before the first commit); commits are found from it. */
  head?: string;
}

/** One entry of a conversation, as `view`, `why` and the viewer show it. */
export type Message =
  | { kind: "prompt"; text: string; time?: string; id?: string }
  | {
    kind: "text";
    text: string;
    time?: string;
    model?: string;
    /** A summary of an imported Agent Trace record, not the assistant's words. */
    imported?: boolean;
  }
  | { kind: "thinking"; text: string; time?: string }
  | {
    kind: "tool";
    name: string;
    callId?: string;
    time?: string;
    files: string[];
    command?: string;
    hunks?: Hunk[];
    input?: unknown;
  }
  | {
    kind: "result";
    callId?: string;
    text: string;
    isError?: boolean;
    /** A shell command's exit code, when the transcript records it. */
    exitCode?: number;
    time?: string;
  };

/** Metadata kept in `<id>.json` next to the original tool's files. */
export interface SessionMeta {
  id: string;
  agent: AgentName;
  agentVersion?: string;
  model?: string;
  cwd?: string;
  branch?: string;
  title?: string;
  transcriptPath?: string;
  startedAt: string;
  updatedAt: string;
  /** HEAD when the session's latest event was recorded. */
  head?: string;
  counts: { events: number; prompts: number; edits: number; shell: number };
}
