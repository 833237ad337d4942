/** Cline CLI's store: `~/.cline/data/sessions/<id>/<id>.json` (cwd, times) next to the
 * `<id>.messages.json` conversation. */
import { join } from "node:path";
import { obj, str, tryParse } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import { entries, fileInfo, head, inside, isoOf, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

const RECORD_BYTES = 256 * 1024;

/** Cline sessions whose `cwd` is in this repository. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const found: FoundSession[] = [];
    for (const dir of await entries(join(dirs.home, ".cline", "data", "sessions"))) {
      if (!dir.isDirectory || !isValidSessionId(dir.name)) continue;
      const path = join(dir.path, `${dir.name}.messages.json`);
      const info = await fileInfo(path);
      const recordInfo = await fileInfo(join(dir.path, `${dir.name}.json`));
      if (!info || !recordInfo || recordInfo.size > RECORD_BYTES) continue;
      const record = obj(
        tryParse(await head(join(dir.path, `${dir.name}.json`), RECORD_BYTES) ?? ""),
      );
      const cwd = str(record?.cwd) ?? str(record?.workspace_root);
      if (!cwd || !inside(cwd, roots)) continue;
      const end = isoOf(record?.ended_at) ?? mtimeOf(info);
      if (since !== null && Date.parse(end) < since) continue;
      const start = isoOf(record?.started_at);
      found.push({ agent: "cline", id: dir.name, cwd, path, ...(start ? { start } : {}), end });
    }
    return found;
  },
};
