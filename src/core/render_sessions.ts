/** Rendering of `list`, `show` and `files`, in the original tool's shapes. */
import stringWidth from "string-width";
import type { Paint } from "./colors.ts";
import type { SessionMeta } from "./model.ts";
import { shortId } from "./session_id.ts";

/** A session row as the renderers need it. */
export interface SessionRow {
  id: string;
  location: "local" | "shared";
  shared: boolean;
  timestamp: string | null;
  files: number;
  meta: SessionMeta | null;
}

function badge(row: SessionRow): string {
  return row.location === "shared" ? "[shared]" : row.shared ? "[local, shared]" : "[local]";
}

function idColor(row: SessionRow, paint: Paint): string {
  return paint(row.location === "shared" ? "green" : "cyan", shortId(row.id));
}

/** Display width; plain ASCII is measured without string-width's Unicode tables. */
function width(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

function pad(text: string, size: number): string {
  return text + " ".repeat(Math.max(0, size - width(text)));
}

/** The `list` text. */
export function renderList(rows: SessionRow[], paint: Paint): string {
  if (!rows.length) {
    return [
      "  No sessions found.",
      "",
      "  Sessions are captured automatically by agent hooks.",
      "  Set one up with: git atrace install <agent>   (or try: git atrace demo)",
      "",
    ].join("\n");
  }
  const counts = rows.map((r) => `(${r.files} file${r.files === 1 ? "" : "s"})`);
  const badges = rows.map(badge);
  const agents = rows.map((r) => r.meta?.agent ?? "");
  const countW = Math.max(...counts.map(width));
  const badgeW = Math.max(...badges.map(width));
  const agentW = Math.max(...agents.map(width));
  const lines = rows.map((row, i) => {
    const stamp = row.timestamp ?? "(no timestamp)      ";
    const cells = [
      idColor(row, paint),
      stamp,
      paint("dim", pad(counts[i]!, countW)),
      pad(badges[i]!, badgeW),
    ];
    if (agentW) cells.push(pad(agents[i]!, agentW));
    const title = row.meta?.title;
    if (title) cells.push(title);
    return `  ${cells.join("  ").trimEnd()}`;
  });
  return [paint("bold", "Sessions"), "", ...lines, ""].join("\n");
}

/** The `list --json` value: the original's keys plus agent, title, model and shared. */
export function listJson(rows: SessionRow[]): unknown[] {
  return rows.map((row) => ({
    id: row.id,
    timestamp: row.timestamp,
    files: row.files,
    location: row.location,
    shared: row.shared || row.location === "shared",
    agent: row.meta?.agent ?? null,
    title: row.meta?.title ?? null,
    model: row.meta?.model ?? null,
  }));
}

/** The `show <file>` text. */
export function renderShow(file: string, rows: SessionRow[], paint: Paint): string {
  const head = `${paint("bold", "Sessions for: ")}${paint("cyan", file)}`;
  if (!rows.length) return `${head}\n\n  No sessions found for this file.\n`;
  const lines = rows.map((row) => {
    const cells = [idColor(row, paint), row.timestamp ?? "", badge(row)];
    if (row.meta?.agent) cells.push(row.meta.agent);
    if (row.meta?.title) cells.push(row.meta.title);
    return `  ${cells.filter(Boolean).join("  ")}`;
  });
  return [head, "", ...lines, ""].join("\n");
}

/** The `show --json` value. */
export function showJson(rows: SessionRow[]): unknown[] {
  return rows.map((row) => ({
    id: row.id,
    timestamp: row.timestamp,
    location: row.location,
    agent: row.meta?.agent ?? null,
    title: row.meta?.title ?? null,
  }));
}

/** The `files <id>` text. */
export function renderFiles(row: { id: string; location: string }, files: string[], paint: Paint) {
  const color = row.location === "shared" ? "green" : "cyan";
  const head = `${paint("bold", "Files in session: ")}${
    paint(color, shortId(row.id))
  } [${row.location}]`;
  return [head, "", ...files.map((f) => `  ${f}`), ""].join("\n");
}
