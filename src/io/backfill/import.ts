/** Importing a found session into the store in the hooks' format, merged with what is there. */
import { basename, dirname, join } from "node:path";
import { adapterByName } from "../../agents/registry.ts";
import { EventBuilder, missingEvents } from "../../core/backfill/events.ts";
import { parseEvents } from "../../core/events_to_messages.ts";
import type { FileEdit, HookEvent, SessionMeta } from "../../core/model.ts";
import { plainText } from "../../core/colors.ts";
import { storedPath } from "../../core/paths.ts";
import {
  applyEvent,
  legacyTimestamp,
  parseMeta,
  titleFromPrompt,
} from "../../core/session_meta.ts";
import { appendPrivate, readTextOrNull, statOrNull, writePrivate } from "../fs.ts";
import { withLock } from "../lock.ts";
import { resolveDirLinks } from "../repo.ts";
import { eventsPath, lockPath, parseFileList, sessionPath } from "../store.ts";
import { migrateEvents, prepareStore } from "../store_layout.ts";
import { refreshCopy } from "../transcript_copy.ts";
import { readTranscript } from "./transcript.ts";
import type { FoundSession } from "../../agents/types.ts";

/** What importing a session does (or did). */
export type ImportState = "new" | "merged" | "unchanged" | "empty";

/** A session read and compared with the store, ready to be written. */
export interface ImportPlan {
  session: FoundSession;
  /** The id in the store (the agent's, or that of the hook-captured copy of the same transcript). */
  id: string;
  state: ImportState;
  /** Every event of the session after the import (the store's, then the added ones). */
  events: HookEvent[];
  added: HookEvent[];
  meta: SessionMeta;
  /** Malformed or oversized transcript lines skipped. */
  skipped: number;
  /** The transcript text, for stores that are no file. */
  text?: string;
  copyStale: boolean;
  metaChanged: boolean;
  /** The transcript's last activity (its file's time when its messages have none). */
  lastActivity: string;
}

/** What the store already holds, to merge with. */
export interface StoreView {
  dir: string;
  roots: string[];
  ids: Set<string>;
  /** Stored session id by the agent transcript it copies. */
  byTranscript: Map<string, string>;
}

/** Reads `session`'s transcript and compares it with the store (nothing is written). */
export async function planImport(session: FoundSession, view: StoreView): Promise<ImportPlan> {
  const adapter = adapterByName(session.agent)!;
  const id = view.ids.has(session.id)
    ? session.id
    : (session.path && view.byTranscript.get(session.path)) || session.id;
  const base = {
    agent: session.agent,
    sessionId: id,
    cwd: session.cwd,
    ...(session.path ? { transcriptPath: session.path } : {}),
    fallbackTime: session.end,
  };
  const builder = new EventBuilder(base);
  const history = await adapter.history?.();
  const read = await readTranscript(session, adapter, history, (m) => builder.add(m));
  // A subagent's transcript adds its edits and commands; its prompts are the agent's own words.
  const parts: { builder: EventBuilder; better: Map<string, FileEdit[]> }[] = [];
  let skipped = read.skipped;
  for (const path of session.parts ?? []) {
    const part = new EventBuilder(base);
    const got = await readTranscript(
      { ...session, path },
      adapter,
      history,
      (m) => part.add(m.filter((x) => x.kind !== "prompt")),
    );
    parts.push({ builder: part, better: got.better });
    skipped += got.skipped;
  }
  const paths = new Map<string, string>();
  for (const event of [builder, ...parts.map((p) => p.builder)].flatMap((b) => b.events)) {
    for (const edit of event.edits ?? []) {
      if (!paths.has(edit.path)) {
        const resolved = await resolveDirLinks(edit.path, session.cwd);
        paths.set(edit.path, storedPath(resolved, session.cwd, view.roots));
      }
    }
  }
  const pathOf = (p: string) => paths.get(p) ?? p;
  const rebuilt = [
    ...builder.finish(read.better, pathOf),
    ...parts.flatMap((p) => p.builder.finish(p.better, pathOf)),
  ];
  const existing = parseEvents(
    await readTextOrNull(await eventsPath({ id, location: "local", dir: view.dir })) ?? "",
  );
  const added = missingEvents(existing, rebuilt);
  const oldMeta = parseMeta(await readTextOrNull(sessionPath(view.dir, id, ".json")));
  let meta = oldMeta;
  for (const event of added) meta = applyEvent(meta, event);
  const plan: ImportPlan = {
    session,
    id,
    state: "unchanged",
    events: [...existing, ...added],
    added,
    meta: meta ?? emptyMeta(session, id),
    skipped,
    ...(read.text !== undefined ? { text: read.text } : {}),
    copyStale: await copyStale(view.dir, id, read),
    metaChanged: false,
    lastActivity: builder.facts.lastTime ?? session.end,
  };
  const sniffed = adapter.sniffTranscript?.(read.tail) ?? {};
  complete(plan.meta, session, {
    model: builder.facts.model ?? sniffed.model,
    agentVersion: sniffed.agentVersion,
    prompt: builder.facts.firstPrompt,
    last: builder.facts.lastTime,
  });
  plan.metaChanged = JSON.stringify(plan.meta) !== JSON.stringify(oldMeta);
  if (!view.ids.has(id)) plan.state = rebuilt.length ? "new" : "empty";
  else if (added.length || plan.copyStale || plan.metaChanged) plan.state = "merged";
  return plan;
}

function emptyMeta(session: FoundSession, id: string): SessionMeta {
  const time = session.start ?? session.end;
  return {
    id,
    agent: session.agent,
    startedAt: time,
    updatedAt: time,
    counts: { events: 0, prompts: 0, edits: 0, shell: 0 },
  };
}

/** Fills what the events leave out: model, version, title, directory, transcript, first and last
 * activity. Fields already set are kept (the hooks saw them live). */
function complete(
  meta: SessionMeta,
  session: FoundSession,
  found: {
    model?: string | undefined;
    agentVersion?: string | undefined;
    prompt?: string | undefined;
    last?: string | undefined;
  },
) {
  if (!meta.model && found.model) meta.model = plainText(found.model);
  if (!meta.agentVersion && found.agentVersion) meta.agentVersion = plainText(found.agentVersion);
  if (!meta.title && found.prompt) meta.title = titleFromPrompt(found.prompt);
  meta.cwd ??= session.cwd;
  if (!meta.transcriptPath && session.path) meta.transcriptPath = session.path;
  if (session.start && session.start < meta.startedAt) meta.startedAt = session.start;
  const last = found.last ?? session.end;
  if (last > meta.updatedAt) meta.updatedAt = last;
}

/** True when the store's transcript copy differs from the agent's. */
async function copyStale(
  dir: string,
  id: string,
  read: { bytes: number; text?: string },
): Promise<boolean> {
  const dest = sessionPath(dir, id, ".jsonl");
  if (read.text !== undefined) return read.text !== await readTextOrNull(dest);
  return (await statOrNull(dest))?.size !== read.bytes;
}

/** Writes what the plan changes, under the session's lock (the same one the hooks take). */
export async function applyImport(plan: ImportPlan, dir: string): Promise<void> {
  if (plan.state === "unchanged" || plan.state === "empty") return;
  await prepareStore(dirname(dir));
  const id = plan.id;
  await withLock(lockPath(dir, id), async () => {
    await migrateEvents(dir, id);
    if (plan.copyStale) {
      const dest = sessionPath(dir, id, ".jsonl");
      if (plan.text !== undefined) await writePrivate(dest, plan.text);
      else if (plan.session.path && !(await statOrNull(dest))) {
        await copyNew(plan.session.path, dest);
      } else if (plan.session.path) await refreshCopy(plan.session.path, dest);
    }
    if (plan.added.length) {
      const text = plan.added.map((e) => JSON.stringify(e) + "\n").join("");
      await appendPrivate(sessionPath(dir, id, ".events"), text);
      await appendFiles(sessionPath(dir, id, ".files"), plan.added);
    }
    if (plan.metaChanged) {
      await writePrivate(sessionPath(dir, id, ".json"), JSON.stringify(plan.meta, null, 2) + "\n");
    }
    const stamp = legacyTimestamp(new Date(plan.meta.updatedAt));
    const path = sessionPath(dir, id, ".timestamp");
    const current = (await readTextOrNull(path))?.trim() ?? "";
    if (current < stamp) await writePrivate(path, stamp + "\n");
  });
}

/** A first copy of a transcript, made by the kernel where it can (no read into memory). */
async function copyNew(source: string, dest: string): Promise<void> {
  const tmp = join(dirname(dest), `.${basename(dest)}.tmp-${crypto.randomUUID().slice(0, 8)}`);
  try {
    await Deno.copyFile(source, tmp);
    await Deno.chmod(tmp, 0o600).catch(() => {});
    await Deno.rename(tmp, dest);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

async function appendFiles(path: string, events: HookEvent[]) {
  const current = parseFileList((await readTextOrNull(path)) ?? "");
  const seen = new Set(current);
  const added = events.flatMap((e) => (e.edits ?? []).map((x) => x.path))
    .filter((f) => !seen.has(f) && seen.add(f));
  if (added.length) await writePrivate(path, [...current, ...added].map((f) => `${f}\n`).join(""));
}
