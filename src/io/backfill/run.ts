/** `backfill` from end to end: find the sessions, import them, link them to their commits. */
import { isAbsolute } from "node:path";
import { producedFromEvents } from "../../core/attribution.ts";
import type { AgentName } from "../../core/model.ts";
import type { Repo } from "../repo.ts";
import { listSessions, localDir } from "../store.ts";
import { applyImport, type ImportState, planImport, type StoreView } from "./import.ts";
import { type Linkable, noteChanges, planLinks, type PlannedLink, writeLinks } from "./link.ts";
import type { Progress } from "./progress.ts";
import { findSessions, repoRoots } from "./sessions.ts";
import type { FoundSession } from "./types.ts";

/** What to do. */
export interface BackfillOptions {
  agents: AgentName[] | null;
  since: number | null;
  dryRun: boolean;
  progress: Progress;
}

/** One session's outcome. */
export interface SessionOutcome {
  id: string;
  agent: AgentName;
  state: ImportState | "failed";
  title?: string;
  startedAt: string;
  /** Events the import added. */
  added: number;
  /** Transcript lines skipped as malformed. */
  skipped: number;
  error?: string;
}

/** What a run did (or, dry, would do). */
export interface BackfillReport {
  sessions: SessionOutcome[];
  links: PlannedLink[];
  /** `<commit> <session>` of the links that are new to the notes (or would be, dry). */
  changed: Set<string>;
}

/** Finds, imports and links this repository's sessions from the agents' stores. */
export async function backfill(repo: Repo, opts: BackfillOptions): Promise<BackfillReport> {
  const found = await findSessions(repo, opts);
  const view = await storeView(repo);
  const sessions: SessionOutcome[] = [];
  const linkable: Linkable[] = [];
  for (const [i, session] of found.entries()) {
    await opts.progress.update("reading sessions", i, found.length);
    try {
      const plan = await planImport(session, view);
      // The store's file time said "maybe"; the transcript's own times decide.
      if (opts.since !== null && Date.parse(plan.lastActivity) < opts.since) continue;
      if (!opts.dryRun) await applyImport(plan, view.dir);
      sessions.push({
        id: plan.id,
        agent: session.agent,
        state: plan.state,
        ...(plan.meta.title ? { title: plan.meta.title } : {}),
        startedAt: plan.meta.startedAt,
        added: plan.added.length,
        skipped: plan.skipped,
      });
      if (plan.state === "empty") continue;
      const produced = producedFromEvents(plan.events).filter((p) => !isAbsolute(p.path));
      linkable.push({
        id: plan.id,
        agent: plan.meta.agent,
        ...(plan.meta.model ? { model: plan.meta.model } : {}),
        produced,
        paths: new Set(produced.map((p) => p.path)),
        start: Date.parse(plan.meta.startedAt),
        end: Date.parse(plan.meta.updatedAt),
      });
    } catch (err) {
      sessions.push(failure(session, err));
    }
  }
  await opts.progress.update("matching commits", found.length, found.length);
  const links = await planLinks(repo, linkable);
  const changed = opts.dryRun
    ? (await noteChanges(repo, links)).changed
    : await writeLinks(repo, links);
  await opts.progress.end();
  return { sessions, links, changed };
}

function failure(session: FoundSession, err: unknown): SessionOutcome {
  return {
    id: session.id,
    agent: session.agent,
    state: "failed",
    startedAt: session.start ?? session.end,
    added: 0,
    skipped: 0,
    error: err instanceof Error ? err.message : String(err),
  };
}

async function storeView(repo: Repo): Promise<StoreView> {
  const local = (await listSessions(repo)).filter((s) => s.location === "local");
  const byTranscript = new Map<string, string>();
  for (const s of local) if (s.meta?.transcriptPath) byTranscript.set(s.meta.transcriptPath, s.id);
  return {
    dir: localDir(repo),
    roots: await repoRoots(repo),
    ids: new Set(local.map((s) => s.id)),
    byTranscript,
  };
}

/** How many of this repository's sessions in the agents' stores are not in the store yet (only
 * file heads are read: cheap enough to offer at the end of `install`). */
export async function countNew(repo: Repo, agents: AgentName[]): Promise<number> {
  const [found, view] = await Promise.all([
    findSessions(repo, { agents, since: null }),
    storeView(repo),
  ]);
  return found.filter((s) => !view.ids.has(s.id) && !(s.path && view.byTranscript.has(s.path)))
    .length;
}
