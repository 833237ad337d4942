/** Claude Code's store: `$CLAUDE_CONFIG_DIR/projects/<slug>/<session>.jsonl` (default `~/.claude`). */
import { join } from "node:path";
import { EDIT_TOOLS, editOf } from "./hook.ts";
import { arr, obj, str } from "../../core/json.ts";
import { isValidSessionId } from "../../core/session_id.ts";
import { entries, fileInfo, headLines, headUntil, inside, mtimeOf } from "../shared/store_scan.ts";
import type { FoundSession, SessionHistory } from "../types.ts";

const HEAD_BYTES = 256 * 1024;

/** The project folder name Claude Code gives a working directory. */
function slug(path: string): string {
  return path.replace(/[^A-Za-z0-9]/g, "-");
}

/** Claude Code's sessions and their tool results' exact patches. */
export const history: SessionHistory = {
  async find(dirs, roots, since) {
    const slugs = roots.map(slug);
    const found: FoundSession[] = [];
    for (const project of await entries(join(dirs.claude, "projects"))) {
      if (!project.isDirectory || !slugs.some((s) => project.name.startsWith(s))) continue;
      for (const file of await entries(project.path)) {
        const id = file.name.replace(/\.jsonl$/, "");
        if (!file.isFile || id === file.name || !isValidSessionId(id)) continue;
        const info = await fileInfo(file.path);
        if (!info || (since !== null && (info.mtime?.getTime() ?? 0) < since)) continue;
        const known = await headFacts(file.path, info.size);
        const cwd = known.cwd ??
          (slugs.includes(project.name) ? roots[slugs.indexOf(project.name)] : null);
        if (!cwd || !inside(cwd, roots)) continue;
        // Subagents (the Task tool) keep their own transcripts: `<id>/subagents/agent-*.jsonl`.
        const parts = (await entries(join(project.path, id, "subagents")))
          .filter((e) => e.isFile && e.name.endsWith(".jsonl")).map((e) => e.path);
        found.push({
          agent: "claude-code",
          id,
          cwd,
          path: file.path,
          ...(parts.length ? { parts } : {}),
          ...(known.start ? { start: known.start } : {}),
          end: mtimeOf(info),
        });
      }
    }
    return found;
  },
  resultEdits() {
    const calls = new Map<string, { name: string; input: Record<string, unknown> }>();
    return (record) => {
      const line = obj(record);
      const message = obj(line?.message);
      for (const item of arr(message?.content)) {
        const block = obj(item);
        if (block?.type === "tool_use" && str(block.id) && str(block.name)) {
          calls.set(block.id as string, {
            name: block.name as string,
            input: obj(block.input) ?? {},
          });
        }
        if (block?.type !== "tool_result" || block.is_error === true) continue;
        const id = str(block.tool_use_id);
        const call = id ? calls.get(id) : undefined;
        const response = obj(line?.toolUseResult);
        if (!id || !call || !response || !EDIT_TOOLS.has(call.name)) continue;
        if (!arr(response.structuredPatch).length && response.type !== "create") continue;
        const edit = editOf(call.name, call.input, response);
        if (edit && edit.hunks.length) return [id, [edit]];
      }
      return null;
    };
  },
};

/** The working directory and first time the transcript's head names. */
async function headFacts(path: string, size: number): Promise<{ cwd?: string; start?: string }> {
  let start: string | undefined;
  const cwd = await headUntil(path, size, HEAD_BYTES, (text, complete) => {
    for (const line of headLines(text, complete)) {
      let value: Record<string, unknown> | undefined;
      try {
        value = obj(JSON.parse(line));
      } catch {
        continue;
      }
      start ??= str(value?.timestamp);
      const cwd = str(value?.cwd);
      if (cwd) return cwd;
    }
    return null;
  });
  return { ...(cwd ? { cwd } : {}), ...(start ? { start } : {}) };
}
