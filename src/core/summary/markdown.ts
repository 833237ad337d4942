/** `summary` as Markdown for a pull request comment. Everything from sessions is hostile text:
 * escaped so that it renders as text (no HTML, no links, no mentions, no table breaks). */
import { plainText } from "../colors.ts";
import type { ShortId } from "../session_id.ts";
import type { LineCounts, SessionSummary, Summary } from "./model.ts";

/** The hidden first line a workflow finds its own comment by. */
const SUMMARY_MARKER = "<!-- git-atrace summary -->";

const PROMPT_CHARS = 600;

/** Markdown-inert text on one line (for table cells and inline use): HTML as entities, Markdown
 * punctuation escaped, and a zero-width space after `@` and `#` so that GitHub makes no mention
 * and no cross-reference of it. */
export function mdInline(text: string): string {
  return plainText(text).replace(/\s+/g, " ").trim()
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()+!|~]/g, "\\$&")
    .replace(/[@#]/g, "$&\u200b");
}

/** A code span safe in a table cell (no backticks, no line breaks, pipes escaped). */
function code(text: string): string {
  return `\`${
    plainText(text).replace(/[`\s]+/g, (m) => m.includes("`") ? "'" : " ").replace(/\|/g, "\\|")
  }\``;
}

function html(text: string): string {
  return plainText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/[@#]/g, "$&\u200b");
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round(100 * part / whole)}%` : "–";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "`b4a968cb` 10, `01a229e3` 6" for a row's sessions. */
function sessionsCell(counts: LineCounts, short: ShortId): string {
  const entries = Object.entries(counts.bySession).sort((a, b) => b[1] - a[1]);
  return entries.map(([id, n]) => `${code(short(id))} ${n}`).join(", ") || "–";
}

/** The summary as Markdown. */
export function renderMarkdown(s: Summary, short: ShortId): string {
  const t = s.totals;
  const out = [
    SUMMARY_MARKER,
    `## Agent attribution for ${code(s.range)}`,
    "",
    `**${plural(t.commits, "commit")} · ${plural(t.added, "line")} added · ${
      t.added - t.untracked
    } from agent sessions (${
      percent(t.added - t.untracked, t.added)
    }) · ${t.untracked} untracked (${percent(t.untracked, t.added)})**`,
    "",
  ];
  if (t.byAgent.length || t.untracked) {
    out.push("| Agent | Model | Lines | Share |", "| --- | --- | ---: | ---: |");
    for (const a of t.byAgent) {
      out.push(
        `| ${mdInline(a.agent)} | ${a.model ? mdInline(a.model) : "–"} | ${a.lines} | ${
          percent(a.lines, t.added)
        } |`,
      );
    }
    out.push(`| untracked | | ${t.untracked} | ${percent(t.untracked, t.added)} |`, "");
  }
  if (s.sessions.length) out.push(...sessionsSection(s.sessions, t.added, short));
  out.push(...commitsSection(s, short));
  if (s.files.length) out.push(...filesSection(s, short));
  out.push(
    "<sub>Lines are matched to the sessions that wrote them (git-atrace notes); untracked lines " +
      "have no session recorded: written by hand, or by an agent whose session was not captured. " +
      "Prompts are redacted.</sub>",
  );
  return out.join("\n") + "\n";
}

function sessionsSection(sessions: SessionSummary[], added: number, short: ShortId): string[] {
  const out = [
    "### Sessions",
    "",
    "| Session | Agent | Model | Lines | Share | Commits | First prompt |",
    "| --- | --- | --- | ---: | ---: | --- | --- |",
  ];
  for (const s of sessions) {
    const title = s.title ?? s.prompt;
    out.push(
      `| ${code(short(s.id))} | ${mdInline(s.agent)} | ${
        s.model ? mdInline(s.model) : "–"
      } | ${s.lines} | ${percent(s.lines, added)} | ${
        s.commits.map((c) => code(c.slice(0, 7))).join(" ")
      } | ${title ? mdInline(title) : "_not in this clone_"} |`,
    );
  }
  out.push("");
  for (const s of sessions) {
    // The table shows the prompt's first line: the whole prompt, and where a shared session can be
    // read, go below when there is more to say.
    const more = s.prompt !== null && plainText(s.prompt).trim() !== (s.title ?? "");
    if (!more && !s.shared) continue;
    out.push(
      `<details><summary><code>${html(short(s.id))}</code> ${html(s.agent)}</summary>`,
      "",
    );
    if (more) out.push(...quote(s.prompt!), "");
    if (s.shared) {
      out.push(`Shared copy: ${code(s.shared.copy)}`);
      if (s.shared.page) out.push(`Page: ${code(s.shared.page)}`);
      out.push("");
    }
    out.push("</details>", "");
  }
  return out;
}

/** The prompt as a block quote, cut at 600 characters. */
function quote(prompt: string): string[] {
  const text = prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS - 1)}…` : prompt;
  return plainText(text).split(/\r?\n/).map((line) => `> ${mdInline(line)}`);
}

function commitsSection(s: Summary, short: ShortId): string[] {
  const out = [
    "### Commits",
    "",
    "| Commit | Subject | Added | From sessions | Untracked |",
    "| --- | --- | ---: | --- | ---: |",
  ];
  for (const c of s.commits) {
    const linked = c.linkedOnly.length
      ? ` (linked: ${c.linkedOnly.map((id) => code(short(id))).join(" ")})`
      : "";
    out.push(
      `| ${code(c.sha.slice(0, 7))} | ${mdInline(c.subject)} | ${c.added} | ${
        sessionsCell(c, short)
      }${linked} | ${c.untracked} |`,
    );
  }
  if (!s.commits.length) out.push("| – | no commits in this range | 0 | – | 0 |");
  return [...out, ""];
}

function filesSection(s: Summary, short: ShortId): string[] {
  const out = [
    "### Files",
    "",
    "| File | Lines from this range | From sessions | Untracked |",
    "| --- | ---: | --- | ---: |",
  ];
  for (const f of s.files) {
    out.push(`| ${code(f.path)} | ${f.added} | ${sessionsCell(f, short)} | ${f.untracked} |`);
  }
  return [...out, ""];
}
