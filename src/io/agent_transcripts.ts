/** Finds (or builds) each agent's transcript for a session and keeps the store's copy current. */
import { join } from "node:path";
import type { HookEvent } from "../core/model.ts";
import { type HomeDirs, homeDirs, listDir } from "./agent_dirs.ts";
import { adapterByName } from "../agents/registry.ts";
import { type Deadline, NEVER } from "./budget.ts";
import { CommandError } from "../core/errors.ts";
import { readTextOrNull, statOrNull, writePrivate } from "./fs.ts";
import { readCursorStore } from "./cursor_store.ts";
import { readOpenCodeSession } from "./opencode_db.ts";
import { refreshCopy } from "./transcript_copy.ts";
import { transcriptRefusal } from "./transcript_guard.ts";

/** Events after which spawning `opencode export` is worth its cost. */
const STOPS = new Set(["stop", "end"]);

/** oh-my-opencode's temporary partial transcript, never a real one. */
const TEMP_TRANSCRIPT = /[/\\]opencode-transcript-ses_[^/\\]*$/;

/**
 * Brings the session's transcript copy up to date (copying until `deadline`); true when it was written whole (new or replaced). A file that is not the agent's
 * transcript (see transcriptRefusal) is refused with a CommandError, and nothing is copied.
 */
export async function syncTranscript(
  event: HookEvent,
  dest: string,
  deadline: Deadline = NEVER,
): Promise<boolean> {
  if (event.agent === "opencode") {
    const doc = await readOpenCodeSession(event.sessionId, homeDirs(), STOPS.has(event.kind));
    return !!doc && await replaceIfChanged(dest, doc);
  }
  const source = await locateTranscript(event);
  if (source) {
    const refused = await transcriptRefusal(source, adapterByName(event.agent));
    if (refused) throw new CommandError(`transcript '${source}' not copied: ${refused}`);
    return (await refreshCopy(source, dest, deadline)) === "copied";
  }
  if (event.agent === "cursor") {
    const text = await readCursorStore(homeDirs().home, event.sessionId);
    return !!text && await replaceIfChanged(dest, text);
  }
  return false;
}

async function replaceIfChanged(dest: string, text: string): Promise<boolean> {
  if (text === await readTextOrNull(dest)) return false;
  await writePrivate(dest, text);
  return true;
}

/** The transcript file of `event`'s session: the payload's path, else the agent's usual place. */
async function locateTranscript(event: HookEvent): Promise<string | null> {
  const given = event.transcriptPath ??
    (event.agent === "cursor" ? Deno.env.get("CURSOR_TRANSCRIPT_PATH") : undefined);
  if (given && !TEMP_TRANSCRIPT.test(given) && (await statOrNull(given))?.isFile) return given;
  const dirs = homeDirs();
  const id = event.sessionId;
  switch (event.agent) {
    case "gemini-cli":
      return await newest(await globChats(join(dirs.home, ".gemini", "tmp"), id));
    case "codex":
      return await codexRollout(dirs, id, new Date(event.time));
    case "cursor":
      return await cursorTranscript(dirs, id);
    case "copilot-cli":
      return await fileOrNull(join(dirs.copilot, "session-state", id, "events.jsonl"));
    case "cline":
      return await clineHistory(dirs, id);
    default:
      return null;
  }
}

async function fileOrNull(path: string): Promise<string | null> {
  return (await statOrNull(path))?.isFile ? path : null;
}

async function newest(paths: string[]): Promise<string | null> {
  let best: { path: string; time: number } | null = null;
  for (const path of paths) {
    const time = (await statOrNull(path))?.mtime?.getTime() ?? 0;
    if (!best || time > best.time) best = { path, time };
  }
  return best?.path ?? null;
}

/** Gemini chat files `session-<time>-<id8>.jsonl` (or legacy `.json`) in every project dir. */
async function globChats(tmp: string, id: string): Promise<string[]> {
  const suffix = `-${id.slice(0, 8)}`;
  const found: string[] = [];
  for (const project of await listDir(tmp)) {
    const chats = join(tmp, project.name, "chats");
    for (const entry of await listDir(chats)) {
      if (entry.name.startsWith("session-") && /\.jsonl?$/.test(entry.name)) {
        if (entry.name.replace(/\.jsonl?$/, "").endsWith(suffix)) {
          found.push(join(chats, entry.name));
        }
      }
    }
  }
  const jsonl = found.filter((p) => p.endsWith(".jsonl"));
  return jsonl.length ? jsonl : found;
}

/** `~/.codex/sessions/YYYY/MM/DD/rollout-*-<id>.jsonl` around the event's date. */
async function codexRollout(dirs: HomeDirs, id: string, time: Date): Promise<string | null> {
  for (const offset of [0, -1, 1]) {
    const day = new Date(time.getTime() + offset * 86_400_000);
    const parts = [
      String(day.getUTCFullYear()),
      String(day.getUTCMonth() + 1).padStart(2, "0"),
      String(day.getUTCDate()).padStart(2, "0"),
    ];
    const dir = join(dirs.codex, "sessions", ...parts);
    const hit = (await listDir(dir)).find((e) => e.name.endsWith(`-${id}.jsonl`));
    if (hit) return join(dir, hit.name);
  }
  return null;
}

/** `~/.cursor/projects/<slug>/agent-transcripts/<id>/<id>.jsonl` (or the older flat file). */
async function cursorTranscript(dirs: HomeDirs, id: string): Promise<string | null> {
  const projects = join(dirs.home, ".cursor", "projects");
  for (const project of await listDir(projects)) {
    const base = join(projects, project.name, "agent-transcripts");
    for (const candidate of [join(base, id, `${id}.jsonl`), join(base, `${id}.jsonl`)]) {
      if (await fileOrNull(candidate)) return candidate;
    }
  }
  return null;
}

const EDITORS = ["Code", "Code - Insiders", "VSCodium", "Cursor", "Windsurf"];

/** Cline's `tasks/<id>/api_conversation_history.json` in any editor's globalStorage or ~/.cline
 * (the CLI's `sessions/<id>/<id>.messages.json` last). */
async function clineHistory(dirs: HomeDirs, id: string): Promise<string | null> {
  const roots = [
    dirs.config,
    join(dirs.home, "Library", "Application Support"),
    Deno.env.get("APPDATA") ?? join(dirs.home, "AppData", "Roaming"),
  ];
  const candidates = roots.flatMap((root) =>
    EDITORS.map((editor) => join(root, editor, "User", "globalStorage", "saoudrizwan.claude-dev"))
  );
  candidates.push(join(dirs.home, ".cline", "data"));
  for (const base of candidates) {
    const hit = await fileOrNull(join(base, "tasks", id, "api_conversation_history.json"));
    if (hit) return hit;
  }
  return await fileOrNull(join(dirs.home, ".cline", "data", "sessions", id, `${id}.messages.json`));
}
