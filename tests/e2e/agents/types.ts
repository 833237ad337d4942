/** What a driver tells the harness about one real agent CLI. */
import type { Action, Quote, SessionScript } from "../scenario.ts";
import type { Sandbox } from "../sandbox.ts";
import type { ModelServer } from "../servers/model_server.ts";
import type { ApiShape, ToolCall, Turn } from "../servers/types.ts";

/** What a driver gets to set the client up and to clean after it. */
export interface DriverContext {
  box: Sandbox;
  server: ModelServer;
  /** The client's executable. */
  bin: string;
  /** The client's cache directory (what `prepare` built is there). */
  clientDir: string;
  /** The model server's base URL. */
  url: string;
}

/** How to drive one agent CLI through the scenario. */
export interface Driver {
  /** The run's name: the agent, or the agent and a mode (`codex-classic`). */
  name: string;
  /** The git-atrace agent name; also the client's key in `clients.json`. */
  agent: string;
  shape: ApiShape;
  /** The quote style of the Python the model writes. */
  quote: Quote;
  /** The tool call that performs `action` (paths relative to `repo`), or null to skip it. */
  dialect(action: Action, id: string, turn: Turn, repo: string): ToolCall | null;
  /** The sessions this client plays, in order. */
  sessions: SessionScript["name"][];
  /** The tool name `why` should show for the model's edits (the agent's own name for it). */
  editTool: string;
  /** Builds what every run of this client can share, once per suite, in the client's cache dir. */
  prepare?(clientDir: string, version: string): Promise<void>;
  /** Writes the client's own config (after `git atrace install`); returns the env it needs. */
  setup(ctx: DriverContext): Promise<Record<string, string>>;
  /** The command line (after the executable) for one prompt. */
  argv(prompt: string): string[];
  /** Stops whatever the client left running. */
  teardown?(ctx: DriverContext, env: Record<string, string>): Promise<void>;
  /** How `scripts/record_captures.ts` files this client's recording. */
  recording: Recording;
  /** Registers every hook event the client has, not only the ones `install` sets up (recording). */
  widenHooks?(ctx: DriverContext): Promise<void>;
}

/** Where a recording goes and how its files are named. */
export interface Recording {
  /** The folder under `tests/fixtures/captures/`. */
  dir: string;
  /** The client's own files to keep (transcripts, session records), relative to HOME. */
  transcripts: RegExp[];
  /** The tool part of a hook payload's file name (`Write`, `apply_patch-add`); null for none. */
  tool(payload: Record<string, unknown>): string | null;
  /** The shell tool's name part: its payloads are named `…-git-commit[-quiet|-fails]`. */
  shellTool: string;
  /** Anything else to keep that is not a plain file (OpenCode's database, dumped as SQL). */
  extra?(home: string, out: string): Promise<void>;
}

/** A dummy API key: the clients want one; the model server ignores it. */
export const DUMMY_KEY = "e2e-dummy-key-not-a-secret";
