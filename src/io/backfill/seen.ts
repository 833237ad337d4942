/** What backfill remembers of the transcripts it imported (`<trace>/backfill.json`): a transcript
 * unchanged since (same size and time) is not read again; its session's stored events serve. */
import { join } from "node:path";
import { obj, str, tryParse } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import { writePrivate } from "../fs.ts";
import { type Repo, traceDir } from "../repo.ts";
import { fileInfo, head } from "../../agents/shared/store_scan.ts";
import type { FoundSession } from "../../agents/types.ts";

const MAX_BYTES = 64 * 1024 * 1024;

/** A transcript's state when it was imported, and the session it went to. */
interface Seen {
  id: string;
  print: string;
}

/** The remembered transcripts of one repository. */
export class SeenTranscripts {
  private changed = false;

  private constructor(private readonly path: string, private readonly map: Map<string, Seen>) {}

  /** Loads the list (an unreadable or damaged one is an empty one). */
  static async load(repo: Repo): Promise<SeenTranscripts> {
    const path = join(traceDir(repo), "backfill.json");
    const info = await fileInfo(path);
    const value = obj(
      tryParse(info && info.size <= MAX_BYTES ? await head(path, MAX_BYTES) ?? "" : ""),
    );
    const map = new Map<string, Seen>();
    for (const [key, entry] of Object.entries(obj(value?.sources) ?? {})) {
      const id = str(obj(entry)?.id);
      const print = str(obj(entry)?.print);
      if (id && print && isValidSessionId(id)) map.set(key, { id, print });
    }
    return new SeenTranscripts(path, map);
  }

  /** The session `found`'s transcript went to when it was as it is now, if so. */
  unchanged(found: FoundSession, print: string): string | null {
    const seen = this.map.get(keyOf(found));
    return seen && seen.print === print ? seen.id : null;
  }

  /** The session `found`'s transcript went to, in whatever state it was then. */
  idOf(found: FoundSession): string | null {
    return this.map.get(keyOf(found))?.id ?? null;
  }

  /** Remembers that `found`'s transcript, as `print` says it was, went to session `id`. */
  remember(found: FoundSession, print: string, id: string): void {
    const key = keyOf(found);
    const seen = this.map.get(key);
    if (seen?.id === id && seen.print === print) return;
    this.map.set(key, { id, print });
    this.changed = true;
  }

  /** Writes the list when it changed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const sources = Object.fromEntries([...this.map].sort(([a], [b]) => a < b ? -1 : 1));
    await writePrivate(this.path, JSON.stringify({ version: 1, sources }, null, 1) + "\n");
    this.changed = false;
  }
}

function keyOf(found: FoundSession): string {
  return `${found.agent}:${found.path ?? found.id}`;
}

/** A transcript's state: size and time of its file, or the store's last activity. */
export async function fingerprint(found: FoundSession): Promise<string> {
  if (!found.path) return `end:${found.end}`;
  const prints: string[] = [];
  for (const path of [found.path, ...found.parts ?? []]) {
    const info = await fileInfo(path);
    prints.push(info ? `${info.size}:${info.mtime?.getTime() ?? 0}` : "gone");
  }
  return prints.join(",");
}
