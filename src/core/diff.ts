/** Diff helpers: hunks to added line ranges, unified-diff parsing, and edits without positions. */
import type { FileEdit, Hunk, LineRange } from "./model.ts";

/** Line ranges (in the new file) and texts of the '+' lines of `hunks`. */
export function addedFromHunks(hunks: Hunk[]): { added: LineRange[]; addedLines: string[] } {
  const added: LineRange[] = [];
  const addedLines: string[] = [];
  for (const hunk of hunks) {
    let line = hunk.newStart;
    for (const raw of hunk.lines) {
      const mark = raw[0];
      if (mark === "+") {
        addedLines.push(raw.slice(1));
        if (hunk.newStart > 0) pushLine(added, line);
        line++;
      } else if (mark === " " || raw === "") {
        line++;
      }
    }
  }
  return { added, addedLines };
}

function pushLine(ranges: LineRange[], line: number): void {
  const last = ranges.at(-1);
  if (last && last.end + 1 === line) last.end = line;
  else ranges.push({ start: line, end: line });
}

/** Splits text into lines the way editors count them (no phantom line after a final newline). */
export function splitTextLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** A hunk replacing `oldText` with `newText` when the agent gave no line positions. */
export function hunkFromStrings(oldText: string, newText: string, newStart = 0): Hunk {
  const oldLines = splitTextLines(oldText);
  const newLines = splitTextLines(newText);
  return {
    oldStart: newStart,
    oldLines: oldLines.length,
    newStart,
    newLines: newLines.length,
    lines: [...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)],
  };
}

/** A FileEdit for a whole new file's content. */
export function createEdit(path: string, content: string): FileEdit {
  const lines = splitTextLines(content);
  const hunk: Hunk = {
    oldStart: 0,
    oldLines: 0,
    newStart: 1,
    newLines: lines.length,
    lines: lines.map((l) => `+${l}`),
  };
  return editFromHunks(path, "create", lines.length ? [hunk] : []);
}

/** A FileEdit with its added ranges derived from its hunks. */
export function editFromHunks(path: string, op: FileEdit["op"], hunks: Hunk[]): FileEdit {
  return { path, op, hunks, ...addedFromHunks(hunks) };
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses unified diff text (one or more files) into paths and hunks. */
export function parseUnifiedDiff(text: string): { path: string; hunks: Hunk[] }[] {
  const files: { path: string; hunks: Hunk[] }[] = [];
  let current: { path: string; hunks: Hunk[] } | undefined;
  let hunk: Hunk | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = HUNK_HEADER.exec(line);
    if (line.startsWith("+++ ")) {
      current = { path: stripDiffPrefix(line.slice(4)), hunks: [] };
      files.push(current);
      hunk = undefined;
    } else if (line.startsWith("--- ") && (!hunk || hunkFull(hunk))) {
      hunk = undefined;
    } else if (header) {
      if (!current) {
        current = { path: "", hunks: [] };
        files.push(current);
      }
      hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        lines: [],
      };
      current.hunks.push(hunk);
    } else if (hunk && /^[ +-]/.test(line)) {
      hunk.lines.push(line);
    }
  }
  return files;
}

function hunkFull(hunk: Hunk): boolean {
  const olds = hunk.lines.filter((l) => l[0] !== "+").length;
  const news = hunk.lines.filter((l) => l[0] !== "-").length;
  return olds >= hunk.oldLines && news >= hunk.newLines;
}

function stripDiffPrefix(path: string): string {
  const clean = path.split("\t")[0]!.trim();
  if (clean === "/dev/null") return "";
  return clean.replace(/^[ab]\//, "");
}
