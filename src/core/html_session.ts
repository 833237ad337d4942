/** One self-contained HTML page of a session: inline CSS, no scripts, no network, all text escaped. */
import type { Hunk, Message, SessionMeta } from "./model.ts";
import { toolTarget } from "./tool_target.ts";

/** What the page shows. */
export interface HtmlInput {
  id: string;
  meta: SessionMeta | null;
  messages: Message[];
  version: string;
  findings: number;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#656d76;--line:#d0d7de;--add:#dafbe1;--del:#ffebe9;--prompt:#fff8c5}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;--add:#12261e;--del:#25171c;--prompt:#2b2111}}
body{font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;color:var(--muted);margin:0 0 1.5rem}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:13px/1.45 ui-monospace,monospace}
.m{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}.prompt{background:var(--prompt)}
.label{font-size:.75rem;font-weight:600;text-transform:uppercase;color:var(--muted);margin-bottom:.3rem}
.prose{white-space:pre-wrap;overflow-wrap:anywhere}
summary{cursor:pointer;font:13px ui-monospace,monospace}.add{background:var(--add)}.del{background:var(--del)}.hunk{color:var(--muted)}
.err{border-color:#cf222e}footer{color:var(--muted);font-size:.8rem;margin:2rem 0}`;

function hunksHtml(hunks: Hunk[]): string {
  const lines: string[] = [];
  for (const h of hunks) {
    if (h.newStart > 0) {
      lines.push(
        `<span class="hunk">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</span>`,
      );
    }
    for (const l of h.lines) {
      const cls = l[0] === "+" ? "add" : l[0] === "-" ? "del" : "";
      lines.push(cls ? `<span class="${cls}">${escapeHtml(l)}</span>` : escapeHtml(l));
    }
  }
  return `<pre>${lines.join("\n")}</pre>`;
}

function relative(path: string, cwd: string | undefined): string {
  return cwd && path.startsWith(cwd.replace(/\/$/, "") + "/")
    ? path.slice(cwd.length).replace(/^\//, "")
    : path;
}

function messageHtml(m: Message, cwd: string | undefined): string {
  const time = m.time ? ` <time>${escapeHtml(m.time)}</time>` : "";
  switch (m.kind) {
    case "prompt":
      return `<section class="m prompt"><div class="label">Prompt${time}</div><div class="prose">${
        escapeHtml(m.text)
      }</div></section>`;
    case "text":
      return `<section class="m"><div class="label">Assistant${time}</div><div class="prose">${
        escapeHtml(m.text)
      }</div></section>`;
    case "thinking":
      return `<details class="m"><summary>Thinking</summary><pre>${
        escapeHtml(m.text)
      }</pre></details>`;
    case "tool": {
      const target = toolTarget(m, (f) => relative(f, cwd));
      const body = m.hunks?.length
        ? hunksHtml(m.hunks)
        : m.input !== undefined
        ? `<pre>${escapeHtml(JSON.stringify(m.input, null, 2) ?? "")}</pre>`
        : "";
      return `<details class="m"${m.hunks?.length ? " open" : ""}><summary>[${
        escapeHtml(m.name)
      }] ${escapeHtml(target.split("\n")[0] ?? "")}</summary>${body}</details>`;
    }
    case "result":
      if (!m.text.trim()) return "";
      return `<details class="m${m.isError ? " err" : ""}"><summary>${
        m.isError ? "Error" : "Output"
      }</summary><pre>${escapeHtml(m.text)}</pre></details>`;
  }
}

/** The page for a session. */
export function renderSessionHtml(input: HtmlInput): string {
  const meta = input.meta;
  const title = meta?.title || `Session ${input.id}`;
  const facts: [string, string | undefined][] = [
    ["Session", input.id],
    [
      "Agent",
      meta ? `${meta.agent}${meta.agentVersion ? ` ${meta.agentVersion}` : ""}` : undefined,
    ],
    ["Model", meta?.model],
    ["Branch", meta?.branch],
    ["Started", meta?.startedAt],
    ["Updated", meta?.updatedAt],
  ];
  const dl = facts.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v!)}</dd>`)
    .join("");
  const body = input.messages.map((m) => messageHtml(m, meta?.cwd)).filter((s) => s).join("\n");
  const redacted = input.findings
    ? `${input.findings} secret${input.findings === 1 ? "" : "s"} redacted`
    : "no secrets found to redact";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><dl>${dl}</dl></header>
<main>
${body || "<p>(no conversation content found)</p>"}
</main>
<footer>Exported by git-atrace ${escapeHtml(input.version)}; ${redacted}.</footer>
</body>
</html>
`;
}
