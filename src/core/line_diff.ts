/** A small line diff (common prefix/suffix trimming plus LCS) producing unified hunks. */
import { splitTextLines } from "./diff.ts";
import type { Hunk } from "./model.ts";

const MAX_CELLS = 4_000_000;

type Op = { mark: " " | "-" | "+"; text: string };

/** Unified hunks (with `context` lines around changes) turning `oldText` into `newText`. */
export function diffLines(oldText: string, newText: string, context = 3): Hunk[] {
  return hunksOf(diffOps(splitTextLines(oldText), splitTextLines(newText)), context);
}

function diffOps(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text): Op => ({ mark: " ", text }));
  const tail = a.slice(endA).map((text): Op => ({ mark: " ", text }));
  return [...head, ...middleOps(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function middleOps(a: string[], b: string[]): Op[] {
  const removeAll = a.map((text): Op => ({ mark: "-", text }));
  const addAll = b.map((text): Op => ({ mark: "+", text }));
  if (!a.length || !b.length || a.length * b.length > MAX_CELLS) return [...removeAll, ...addAll];
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j]
        ? lcs[(i + 1) * width + j + 1]! + 1
        : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ mark: " ", text: a[i++]! });
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      ops.push({ mark: "-", text: a[i++]! });
    } else {
      ops.push({ mark: "+", text: b[j++]! });
    }
  }
  while (i < a.length) ops.push({ mark: "-", text: a[i++]! });
  while (j < b.length) ops.push({ mark: "+", text: b[j++]! });
  return ops;
}

function hunksOf(ops: Op[], context: number): Hunk[] {
  const changed = ops.flatMap((op, index) => (op.mark === " " ? [] : [index]));
  const hunks: Hunk[] = [];
  let group: [number, number] | undefined;
  const groups: [number, number][] = [];
  for (const index of changed) {
    if (group && index - group[1] <= 2 * context) group[1] = index;
    else groups.push(group = [index, index]);
  }
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldLine = 1;
    let newLine = 1;
    for (const op of ops.slice(0, from)) {
      if (op.mark !== "+") oldLine++;
      if (op.mark !== "-") newLine++;
    }
    const slice = ops.slice(from, to + 1);
    const oldLines = slice.filter((op) => op.mark !== "+").length;
    const newLines = slice.filter((op) => op.mark !== "-").length;
    hunks.push({
      oldStart: oldLines ? oldLine : oldLine - 1,
      oldLines,
      newStart: newLines ? newLine : newLine - 1,
      newLines,
      lines: slice.map((op) => op.mark + op.text),
    });
  }
  return hunks;
}
