/** Where Cline keeps task histories: an editor's globalStorage, ~/.cline/data/tasks, or the CLI's
 * `~/.cline/data/sessions/<id>/<id>.messages.json`. */
import { join } from "node:path";
import { fileOrNull, givenFile } from "../shared/files.ts";
import type { HomeDirs } from "../shared/home_dirs.ts";
import type { TranscriptSource } from "../types.ts";

const EDITORS = ["Code", "Code - Insiders", "VSCodium", "Cursor", "Windsurf"];

/** The payload's transcript path, else the task's history in any known place. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    return await givenFile(query) ?? await clineHistory(dirs, query.sessionId);
  },
};

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
