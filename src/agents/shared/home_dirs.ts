/** Where agents keep their data for the current user, and tolerant listings of those folders. */
import { join } from "node:path";

/** The directories agents keep their data in, from the environment. */
export interface HomeDirs {
  home: string;
  /** Claude Code's config dir (`CLAUDE_CONFIG_DIR`, else ~/.claude). */
  claude: string;
  config: string;
  data: string;
  codex: string;
  copilot: string;
  opencodeDb?: string;
}

/** The agents' data directories for the current user. */
export function homeDirs(): HomeDirs {
  const env = (name: string) => Deno.env.get(name) || undefined;
  const home = env("HOME") ?? env("USERPROFILE") ?? ".";
  const dirs: HomeDirs = {
    home,
    claude: env("CLAUDE_CONFIG_DIR") ?? join(home, ".claude"),
    config: env("XDG_CONFIG_HOME") ?? join(home, ".config"),
    data: env("XDG_DATA_HOME") ?? join(home, ".local", "share"),
    codex: env("CODEX_HOME") ?? join(home, ".codex"),
    copilot: env("COPILOT_HOME") ?? join(home, ".copilot"),
  };
  const db = env("OPENCODE_DB");
  if (db) dirs.opencodeDb = db;
  return dirs;
}

/** The entries of `dir`; none when it is missing or unreadable (an agent's folder is optional). */
export async function listDir(dir: string): Promise<Deno.DirEntry[]> {
  const entries: Deno.DirEntry[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
  } catch {
    // A missing or unreadable directory has nothing to offer.
  }
  return entries;
}
