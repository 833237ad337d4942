/** Where Copilot CLI keeps its event log: `$COPILOT_HOME/session-state/<id>/events.jsonl`. */
import { join } from "node:path";
import { fileOrNull, givenFile } from "../shared/files.ts";
import type { TranscriptSource } from "../types.ts";

/** The payload's transcript path, else the session's events.jsonl. */
export const source: TranscriptSource = {
  async file(query, dirs) {
    return await givenFile(query) ??
      await fileOrNull(join(dirs.copilot, "session-state", query.sessionId, "events.jsonl"));
  },
};
