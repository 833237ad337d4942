/** The `*** Begin Patch` envelope of Codex and OpenCode `apply_patch`, as file edits without line numbers. */
import { createEdit, editFromHunks } from "./diff.ts";
import type { FileEdit, Hunk } from "./model.ts";

const FILE_OP = /^\*\*\* (Add|Update|Delete) File: (.+)$/;

/** The files an apply_patch envelope adds, updates or deletes, with one hunk per `@@` section. */
export function parseApplyPatch(text: string): FileEdit[] {
  const edits: FileEdit[] = [];
  let current: { path: string; op: FileEdit["op"]; hunks: Hunk[]; added: string[] } | undefined;
  let hunk: Hunk | undefined;
  const finish = () => {
    if (!current) return;
    edits.push(
      current.op === "create"
        ? createEdit(current.path, current.added.map((l) => l + "\n").join(""))
        : editFromHunks(current.path, current.op, current.hunks.filter((h) => h.lines.length)),
    );
    current = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    const op = FILE_OP.exec(line);
    if (op) {
      finish();
      const kind = op[1] === "Add" ? "create" : op[1] === "Delete" ? "delete" : "edit";
      current = { path: op[2]!.trim(), op: kind, hunks: [], added: [] };
      hunk = undefined;
    } else if (!current || line.startsWith("*** End Patch") || line === "*** End of File") {
      continue;
    } else if (line.startsWith("*** Move to: ")) {
      current.path = line.slice(13).trim();
    } else if (current.op === "create") {
      if (line.startsWith("+")) current.added.push(line.slice(1));
    } else if (line.startsWith("@@")) {
      hunk = emptyHunk();
      current.hunks.push(hunk);
    } else if (/^[ +-]/.test(line)) {
      if (!hunk) {
        hunk = emptyHunk();
        current.hunks.push(hunk);
      }
      hunk.lines.push(line);
      if (line[0] !== "+") hunk.oldLines++;
      if (line[0] !== "-") hunk.newLines++;
    }
  }
  finish();
  return edits;
}

function emptyHunk(): Hunk {
  return { oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: [] };
}
