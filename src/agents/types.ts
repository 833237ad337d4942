/** The contract every agent adapter fulfils: one folder per agent under src/agents/ provides one. */
import type { Obj } from "../core/json.ts";
import type { AgentName, HookEvent, Message } from "../core/model.ts";
import type { HomeDirs } from "./shared/home_dirs.ts";

/** Turns a transcript, one parsed record at a time, into conversation messages. */
export interface TranscriptParser {
  /** Messages for one record (a JSONL line, or one element of a whole-file document). */
  record(value: unknown): Message[];
  /** Messages held back until the end (e.g. records that later ones may replace). */
  end(): Message[];
  /** Records of a type this parser does not know, skipped (a newer agent's format shows here). */
  unknown?(): number;
}

/** What a transcript source is asked about: the session and what its events said. */
export interface SessionQuery {
  sessionId: string;
  /** The transcript path a payload named, if any. */
  transcriptPath?: string | undefined;
  /** When the session was active (ISO), for agents that file transcripts by date. */
  time: string;
}

/** Where an agent keeps a session's transcript, and how the store's copy is brought up to date. */
export interface TranscriptSource {
  /** The agent's transcript file, which the store copies incrementally (null when not found). */
  file?(query: SessionQuery, dirs: HomeDirs): Promise<string | null>;
  /** The whole transcript as text, for agents keeping it elsewhere (a database); `final` allows
   * slow sources (spawning the agent), used at a session's stop or end. */
  whole?(query: SessionQuery, dirs: HomeDirs, final: boolean): Promise<string | null>;
}

/** Environment variables an agent sets in the shells it runs commands in. */
export interface EnvMarks {
  /** Any of these set (non-empty) means the agent's shell. */
  markers: string[];
  /** Variables that carry the session id, most specific first. */
  session: string[];
  /** Names the agent gives itself in `AI_AGENT` (`<name>`, `<name>@<ver>` or `<name>_<ver>_…`). */
  aiAgent: string[];
}

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

/** One agent's knowledge: payloads, transcripts, where they live, install, shells, tested versions. */
export interface AgentAdapter {
  name: AgentName;
  /** Human name for listings. */
  label: string;
  /** The agent versions whose real payloads and transcripts the tests replay (newest last);
   * empty when only synthetic fixtures exist. */
  tested: string[];
  /** True when a hook payload looks like this agent's. */
  detect(payload: Obj): boolean;
  /** The normalized event for a payload; `hint` is the event named on the command line. */
  toEvent(payload: Obj, now: Date, hint?: string): HookEvent | null;
  /** A fresh transcript parser. */
  transcript(): TranscriptParser;
  /** True when `head` (the first ≤ 64 KiB of a file, as text) is this agent's transcript format. */
  looksLikeTranscript?(head: string): boolean;
  /** What the agent requires on stdout from a hook ("" for nothing). */
  hookOutput: string;
  /** Where the agent keeps its transcripts. */
  source: TranscriptSource;
  /** How the agent marks its shells. */
  env: EnvMarks;
  /** What `install` writes for this agent. */
  install: InstallSpec;
  /** Model and agent version found in the tail of a transcript, when the payload lacks them. */
  sniffTranscript?(tail: string): { model?: string; agentVersion?: string };
  /** Completes transcript messages with what only the hook events hold (e.g. Cursor's shell output). */
  merge?(messages: Message[], events: HookEvent[]): Message[];
}
