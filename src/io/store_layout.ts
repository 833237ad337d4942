/**
 * The local store's layout and permissions, brought up to date on first write: private
 * directories (0700) and files (0600), and the event logs renamed from `<id>.events.jsonl`
 * (which the original tool's `<prefix>*.jsonl` lookup mistook for a transcript) to `<id>.events`.
 */
import { join } from "node:path";
import {
  ensurePrivateDir,
  lstatOrNull,
  readTextOrNull,
  removeIfExists,
  tightenFile,
  writePrivate,
} from "./fs.ts";
import { NOW } from "./budget.ts";
import { tryLockUntil } from "./lock.ts";
import { LEGACY_EVENTS, lockPath, sessionPath } from "./store.ts";

/** Version of the layout; `<trace>/layout` records the one a store was brought to. */
const LAYOUT = "2";

/** Makes `trace`, `trace/sessions` and `trace/locks` private and migrates the store once; returns the sessions dir. */
export async function prepareStore(trace: string): Promise<string> {
  const dir = join(trace, "sessions");
  await ensurePrivateDir(trace);
  await ensurePrivateDir(dir);
  await ensurePrivateDir(join(trace, "locks"));
  const marker = join(trace, "layout");
  if ((await readTextOrNull(marker))?.trim() === LAYOUT) return dir;
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (!entry.isFile) continue;
    await tightenFile(path);
    if (!entry.name.endsWith(LEGACY_EVENTS)) continue;
    const id = entry.name.slice(0, -LEGACY_EVENTS.length);
    // A session busy elsewhere is migrated by its own next write (see migrateEvents).
    const lock = await tryLockUntil(lockPath(dir, id), NOW);
    if (!lock) continue;
    try {
      await migrateEvents(dir, id);
    } finally {
      lock.close();
    }
  }
  await tightenFile(join(trace, "log"));
  await writePrivate(marker, LAYOUT + "\n");
  return dir;
}

/**
 * Moves a session's `<id>.events.jsonl` to `<id>.events` (appending it when both exist, as after an
 * older binary wrote meanwhile); the caller holds the session's lock.
 */
export async function migrateEvents(dir: string, id: string): Promise<void> {
  const legacy = sessionPath(dir, id, LEGACY_EVENTS);
  const info = await lstatOrNull(legacy);
  if (!info?.isFile) return;
  const current = sessionPath(dir, id, ".events");
  try {
    await Deno.link(legacy, current);
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    const [older, newer] = await Promise.all([Deno.readFile(legacy), Deno.readFile(current)]);
    const joined = new Uint8Array(older.length + newer.length);
    joined.set(older);
    joined.set(newer, older.length);
    await writePrivate(current, joined);
  }
  await removeIfExists(legacy);
}
