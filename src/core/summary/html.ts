/** `summary --html`: one self-contained page (no script, nothing loaded from elsewhere). */
import { plainText } from "../colors.ts";
import type { ShortId } from "../session_id.ts";
import type { LineCounts, Summary } from "./model.ts";

function esc(text: string): string {
  return plainText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round(100 * part / whole)}%` : "–";
}

function row(cells: string[], numeric: number[] = []): string {
  return `<tr>${
    cells.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${c}</td>`).join("")
  }</tr>`;
}

function table(head: string[], rows: string[], numeric: number[] = []): string {
  const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ""}>${esc(h)}</th>`)
    .join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function sessionsCell(counts: LineCounts, short: ShortId): string {
  const entries = Object.entries(counts.bySession).sort((a, b) => b[1] - a[1]);
  return entries.map(([id, n]) => `<code>${esc(short(id))}</code> ${n}`).join(", ") || "–";
}

const STYLE =
  `body{font:14px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1f2328}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f8fa}.n{text-align:right}code{font:12px ui-monospace,monospace}
blockquote{margin:.3em 0;padding:0 1em;border-left:.25em solid #d0d7de;color:#59636e;white-space:pre-wrap}`;

/** The summary as a standalone HTML page. */
export function renderHtml(s: Summary, short: ShortId): string {
  const t = s.totals;
  const agents = t.byAgent.map((a) =>
    row([esc(a.agent), esc(a.model ?? "–"), String(a.lines), percent(a.lines, t.added)], [2, 3])
  );
  agents.push(row(["untracked", "", String(t.untracked), percent(t.untracked, t.added)], [2, 3]));
  const sessions = s.sessions.map((x) =>
    row([
      `<code>${esc(short(x.id))}</code>`,
      esc(x.agent),
      esc(x.model ?? "–"),
      String(x.lines),
      percent(x.lines, t.added),
      x.commits.map((c) => `<code>${esc(c.slice(0, 7))}</code>`).join(" "),
      (x.prompt ? `<blockquote>${esc(x.prompt)}</blockquote>` : "<em>not in this clone</em>") +
      (x.shared
        ? `<div>Shared copy: <code>${esc(x.shared.copy)}</code>${
          x.shared.page ? ` · page: <code>${esc(x.shared.page)}</code>` : ""
        }</div>`
        : ""),
    ], [3, 4])
  );
  const commits = s.commits.map((c) =>
    row([
      `<code>${esc(c.sha.slice(0, 7))}</code>`,
      esc(c.subject),
      String(c.added),
      sessionsCell(c, short) + (c.linkedOnly.length
        ? ` (linked: ${c.linkedOnly.map((id) => `<code>${esc(short(id))}</code>`).join(" ")})`
        : ""),
      String(c.untracked),
    ], [2, 4])
  );
  const files = s.files.map((f) =>
    row([
      `<code>${esc(f.path)}</code>`,
      String(f.added),
      sessionsCell(f, short),
      String(f.untracked),
    ], [
      1,
      3,
    ])
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Agent attribution for ${esc(s.range)}</title><style>${STYLE}</style></head><body>
<h1>Agent attribution for <code>${esc(s.range)}</code></h1>
<p><strong>${t.commits} commit${t.commits === 1 ? "" : "s"} · ${t.added} lines added · ${
    t.added - t.untracked
  } from agent sessions (${percent(t.added - t.untracked, t.added)}) · ${t.untracked} untracked (${
    percent(t.untracked, t.added)
  })</strong></p>
${table(["Agent", "Model", "Lines", "Share"], agents, [2, 3])}
${
    s.sessions.length
      ? `<h2>Sessions</h2>${
        table(
          ["Session", "Agent", "Model", "Lines", "Share", "Commits", "First prompt"],
          sessions,
          [
            3,
            4,
          ],
        )
      }`
      : ""
  }
<h2>Commits</h2>${
    table(["Commit", "Subject", "Added", "From sessions", "Untracked"], commits, [2, 4])
  }
${
    files.length
      ? `<h2>Files</h2>${
        table(["File", "Lines from this range", "From sessions", "Untracked"], files, [1, 3])
      }`
      : ""
  }
<p><small>Untracked lines have no session recorded: written by hand, or by an agent whose session was not captured. Prompts are redacted.</small></p>
</body></html>
`;
}
