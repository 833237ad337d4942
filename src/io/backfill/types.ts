/** What backfill knows of one agent's own session store, and of a session found there. */
import type { AgentName, FileEdit } from "../../core/model.ts";
import type { HomeDirs } from "../agent_dirs.ts";

/** A session of this repository found in an agent's store (known from the heads of files). */
export interface FoundSession {
  agent: AgentName;
  id: string;
  /** Where the agent ran: this repository's root, one of its worktrees, or a folder inside. */
  cwd: string;
  /** The agent's transcript file, copied as it is. */
  path?: string;
  /** For a store that is no single file (a database): the transcript's text, built on demand. */
  read?: () => Promise<string | null>;
  /** First activity (ISO), when known cheaply. */
  start?: string;
  /** Last activity (ISO). */
  end: string;
}

/** One agent's store: where its sessions are and what its transcripts hold beyond messages. */
export interface AgentStore {
  agent: AgentName;
  /** The sessions whose working directory is one of `roots` or inside one; `since` (epoch ms)
   * skips sessions whose last activity is older. Reads only the heads of files. */
  find(dirs: HomeDirs, roots: string[], since: number | null): Promise<FoundSession[]>;
  /** A reader of raw transcript records giving the edits they hold beyond the messages (e.g. a
   * tool's result with its exact patch), keyed by tool-call id. */
  resultEdits?(): (record: unknown) => [string, FileEdit[]] | null;
}
