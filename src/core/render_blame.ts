/** Rendering blamed lines the way the original tool did, with every session of each line. */
import type { BlameLine } from "./blame.ts";
import type { Paint } from "./colors.ts";

/** The session column of a line: ids of range matches, `~id` for commit-level links. */
function sessionColumn(line: BlameLine): string {
  return line.sessions.map((s) => (s.match === "commit" ? "~" : "") + s.id.slice(0, 8)).join(",");
}

/** The text of `git atrace blame`: a header, then `sha7 sessions content` per line. */
export function renderBlame(path: string, lines: BlameLine[], paint: Paint): string {
  const width = Math.max(8, ...lines.map((l) => sessionColumn(l).length));
  const out = [
    `${paint("bold", "Blame:")} ${paint("cyan", path)}`,
    paint(
      "dim",
      "(commits with linked sessions shown in cyan; ~ = linked to the commit, not matched to the line)",
    ),
    "",
  ];
  for (const line of lines) {
    if (line.commit === null) {
      out.push(`${paint("yellow", "(local)")} ${" ".repeat(width)} ${line.content}`);
    } else if (line.sessions.length) {
      const column = sessionColumn(line).padEnd(width);
      out.push(`${paint("cyan", line.commit.slice(0, 7))} ${paint("dim", column)} ${line.content}`);
    } else {
      out.push(`${paint("dim", line.commit.slice(0, 7))} ${" ".repeat(width)} ${line.content}`);
    }
  }
  return out.join("\n") + "\n";
}
