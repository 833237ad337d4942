/** Copilot CLI's store: `$COPILOT_HOME/session-state/<id>/events.jsonl` with `workspace.yaml`. */
import { join } from "node:path";
import { isValidSessionId } from "../../core/session_id.ts";
import { entries, fileInfo, head, inside, isoOf, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

const WORKSPACE_BYTES = 64 * 1024;

/** Copilot sessions whose workspace's `cwd` is in this repository. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const found: FoundSession[] = [];
    for (const dir of await entries(join(dirs.copilot, "session-state"))) {
      if (!dir.isDirectory || !isValidSessionId(dir.name)) continue;
      const path = join(dir.path, "events.jsonl");
      const info = await fileInfo(path);
      if (!info || (since !== null && (info.mtime?.getTime() ?? 0) < since)) continue;
      const yaml = yamlFields(await head(join(dir.path, "workspace.yaml"), WORKSPACE_BYTES) ?? "");
      const cwd = yaml.cwd ?? yaml.git_root;
      if (!cwd || !inside(cwd, roots)) continue;
      const start = isoOf(yaml.created_at);
      found.push({
        agent: "copilot-cli",
        id: dir.name,
        cwd,
        path,
        ...(start ? { start } : {}),
        end: mtimeOf(info),
      });
    }
    return found;
  },
};

/** The top-level `key: value` scalars of a small YAML file (quoted or plain). */
function yamlFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z_]+):[ \t]+(.+?)[ \t]*$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (/^".*"$/.test(value)) {
      try {
        value = JSON.parse(value);
      } catch {
        continue;
      }
    } else if (/^'.*'$/.test(value)) value = value.slice(1, -1).replaceAll("''", "'");
    out[match[1]!] ??= value;
  }
  return out;
}
