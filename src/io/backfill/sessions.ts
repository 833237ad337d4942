/** Finding this repository's sessions in every agent's own store. */
import { ADAPTERS } from "../../agents/registry.ts";
import { homeDirs } from "../../agents/shared/home_dirs.ts";
import type { FoundSession } from "../../agents/types.ts";
import type { AgentName } from "../../core/model.ts";
import { git } from "../git.ts";
import { gitCwd, type Repo, rootAliases } from "../repo.ts";

/** The agents whose past sessions backfill can read, in listing order. */
export const BACKFILL_AGENTS: AgentName[] = ADAPTERS.filter((a) => a.history).map((a) => a.name);

/** The work tree roots of the repository and of all its worktrees, each also by its real path. */
export async function repoRoots(repo: Repo): Promise<string[]> {
  const listed = await git(["worktree", "list", "--porcelain", "-z"], { cwd: gitCwd(repo) });
  const paths = listed.stdout.split("\0").filter((f) => f.startsWith("worktree "))
    .map((f) => f.slice(9));
  const bare = new Set(
    listed.stdout.split("\0\0").filter((block) => block.split("\0").includes("bare"))
      .map((block) => block.split("\0")[0]!.slice(9)),
  );
  const roots = new Set<string>(repo.root ? [repo.root] : []);
  for (const path of paths) if (!bare.has(path)) roots.add(path);
  const all = new Set<string>();
  for (const root of roots) for (const alias of await rootAliases(root)) all.add(alias);
  return [...all];
}

/** What to look for. */
export interface FindOptions {
  agents: AgentName[] | null;
  /** Epoch ms: sessions last active before it are left out. */
  since: number | null;
}

/** This repository's sessions in the agents' stores, oldest first (each agent's session once). */
export async function findSessions(repo: Repo, opts: FindOptions): Promise<FoundSession[]> {
  const roots = await repoRoots(repo);
  const dirs = homeDirs();
  const histories = await Promise.all(
    ADAPTERS.filter((a) => a.history && (!opts.agents || opts.agents.includes(a.name)))
      .map((a) => a.history!()),
  );
  const lists = await Promise.all(histories.map((h) => h.find(dirs, roots, opts.since)));
  const seen = new Map<string, FoundSession>();
  for (const session of lists.flat()) {
    const key = `${session.agent}\0${session.id}`;
    const other = seen.get(key);
    if (!other || preferred(session, other)) seen.set(key, session);
  }
  return [...seen.values()].sort((a, b) =>
    (a.start ?? a.end).localeCompare(b.start ?? b.end) || a.id.localeCompare(b.id)
  );
}

/** Of two files of one session (a migrated copy), the JSONL one, else the latest. */
function preferred(a: FoundSession, b: FoundSession): boolean {
  const jsonl = (s: FoundSession) => s.path?.endsWith(".jsonl") ?? false;
  if (jsonl(a) !== jsonl(b)) return jsonl(a);
  return a.end > b.end;
}
