/** `backfill` from end to end: find the sessions, import them, link them to their commits. */
import { isAbsolute } from "node:path";
import { producedFromEvents } from "../../core/attribution.ts";
import type { AgentName, HookEvent, SessionMeta } from "../../core/model.ts";
import type { Repo } from "../repo.ts";
import { listSessions, localDir, readMeta } from "../store.ts";
import { readEvents } from "../transcript_read.ts";
import { applyImport, type ImportState, planImport, type StoreView } from "./import.ts";
import { type Linkable, noteChanges, planLinks, type PlannedLink, writeLinks } from "./link.ts";
import type { Progress } from "./progress.ts";
import { fingerprint, SeenTranscripts } from "./seen.ts";
import { findSessions, repoRoots } from "./sessions.ts";
import type { FoundSession } from "../../agents/types.ts";

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
  /** "deleted": imported before, deleted from the store since, and left out. */
  state: ImportState | "failed" | "deleted";
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
  const [view, seen] = await Promise.all([storeView(repo), SeenTranscripts.load(repo)]);
  const sessions: SessionOutcome[] = [];
  const linkable: Linkable[] = [];
  for (const [i, session] of found.entries()) {
    await opts.progress.update("reading sessions", i, found.length);
    try {
      const before = seen.idOf(session);
      if (before && !view.ids.has(before)) {
        // Imported once, deleted since: the user's choice stands.
        sessions.push({ ...failure(session, ""), id: before, state: "deleted" });
        continue;
      }
      const print = await fingerprint(session);
      const known = seen.unchanged(session, print);
      const item = known && view.ids.has(known)
        ? await fromStore(view.dir, known, session)
        : await fromTranscript(session, view, opts.dryRun);
      // The store's file time said "maybe"; the transcript's own times decide.
      if (opts.since !== null && Date.parse(item.lastActivity) < opts.since) continue;
      if (!opts.dryRun && item.outcome.state !== "empty") {
        seen.remember(session, print, item.outcome.id);
      }
      sessions.push(item.outcome);
      if (item.linkable) linkable.push(item.linkable);
    } catch (err) {
      sessions.push(failure(session, err));
    }
  }
  if (!opts.dryRun) await seen.save();
  await opts.progress.update("matching commits", found.length, found.length);
  const links = await planLinks(repo, linkable);
  const changed = opts.dryRun
    ? (await noteChanges(repo, links)).changed
    : await writeLinks(repo, links);
  await opts.progress.end();
  return { sessions, links, changed };
}

/** A session's outcome, what linking needs of it, and its last activity. */
interface Item {
  outcome: SessionOutcome;
  linkable: Linkable | null;
  lastActivity: string;
}

/** Reads the transcript, merges it into the store (unless dry) and says what happened. */
async function fromTranscript(session: FoundSession, view: StoreView, dry: boolean): Promise<Item> {
  const plan = await planImport(session, view);
  if (!dry) await applyImport(plan, view.dir);
  return {
    outcome: {
      id: plan.id,
      agent: session.agent,
      state: plan.state,
      ...(plan.meta.title ? { title: plan.meta.title } : {}),
      startedAt: plan.meta.startedAt,
      added: plan.added.length,
      skipped: plan.skipped,
    },
    linkable: plan.state === "empty" ? null : linkableOf(plan.meta, plan.events),
    lastActivity: plan.lastActivity,
  };
}

/** A session imported before from the transcript as it still is: the store's events serve. */
async function fromStore(dir: string, id: string, session: FoundSession): Promise<Item> {
  const ref = { id, location: "local" as const, dir };
  const [meta, events] = await Promise.all([readMeta(ref), readEvents(ref)]);
  const known = meta ??
    {
      id,
      agent: session.agent,
      startedAt: session.end,
      updatedAt: session.end,
      counts: { events: 0, prompts: 0, edits: 0, shell: 0 },
    };
  return {
    outcome: {
      id,
      agent: known.agent,
      state: "unchanged",
      ...(known.title ? { title: known.title } : {}),
      startedAt: known.startedAt,
      added: 0,
      skipped: 0,
    },
    linkable: linkableOf(known, events),
    lastActivity: known.updatedAt,
  };
}

function linkableOf(meta: SessionMeta, events: HookEvent[]): Linkable {
  const produced = producedFromEvents(events).filter((p) => !isAbsolute(p.path));
  return {
    id: meta.id,
    agent: meta.agent,
    ...(meta.model ? { model: meta.model } : {}),
    produced,
    paths: new Set(produced.map((p) => p.path)),
    start: Date.parse(meta.startedAt),
    end: Date.parse(meta.updatedAt),
  };
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
