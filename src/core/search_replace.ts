/** SEARCH/REPLACE blocks (Cline `replace_in_file`, Aider) as hunks without line numbers. */
import { hunkFromStrings } from "./diff.ts";
import type { Hunk } from "./model.ts";

const SEARCH = /^(-{3,} SEARCH|<{3,} SEARCH)\s*$/;
const DIVIDER = /^={3,}\s*$/;
const REPLACE = /^(\+{3,} REPLACE|>{3,} REPLACE)\s*$/;

/** One hunk per SEARCH/REPLACE block of `diff`, in order. */
export function parseSearchReplace(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  let mode: "none" | "search" | "replace" = "none";
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of diff.split(/\r?\n/)) {
    if (SEARCH.test(line)) {
      mode = "search";
      search = [];
      replace = [];
    } else if (mode === "search" && DIVIDER.test(line)) {
      mode = "replace";
    } else if (mode === "replace" && REPLACE.test(line)) {
      hunks.push(hunkFromStrings(joinLines(search), joinLines(replace)));
      mode = "none";
    } else if (mode === "search") {
      search.push(line);
    } else if (mode === "replace") {
      replace.push(line);
    }
  }
  return hunks;
}

function joinLines(lines: string[]): string {
  return lines.length ? lines.join("\n") + "\n" : "";
}
