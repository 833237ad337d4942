/** Rendering of `list`, `show` and `files`, in the original tool's shapes. */
import type { Paint, Style } from "./colors.ts";
import type { SessionMeta } from "./model.ts";
import type { ShortId } from "./session_id.ts";
import { cutToWidth, displayWidth, padToWidth } from "./text_width.ts";

/** How many columns of a title `list` and `show` print (the JSON has it whole). */
const TITLE_COLUMNS = 60;

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

type Cell = [text: string, style?: Style];

/** Rows of cells as aligned columns (the last cell of a row, a title, is not padded). */
function columns(rows: Cell[][], paint: Paint): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach(([text], i) => widths[i] = Math.max(widths[i] ?? 0, displayWidth(text)));
  }
  return rows.map((row) => {
    const cells = row.map(([text, style], i) => {
      const padded = i < row.length - 1 ? padToWidth(text, widths[i]!) : text;
      return style ? paint(style, padded) : padded;
    });
    return `  ${cells.join("  ")}`.trimEnd();
  });
}

function idCell(row: SessionRow, short: ShortId): Cell {
  return [short(row.id), row.location === "shared" ? "green" : "cyan"];
}

function tail(row: SessionRow): Cell[] {
  return [[row.meta?.agent ?? ""], [cutToWidth(row.meta?.title ?? "", TITLE_COLUMNS)]];
}

/** The `list` text. */
export function renderList(rows: SessionRow[], paint: Paint, short: ShortId): string {
  if (!rows.length) {
    return [
      "  No sessions found.",
      "",
      "  Sessions are captured automatically by agent hooks.",
      "  Set one up with: git atrace install <agent>   (or try: git atrace demo)",
      "",
    ].join("\n");
  }
  const lines = columns(
    rows.map((row) => [
      idCell(row, short),
      [row.timestamp ?? "(no timestamp)"],
      [`(${row.files} file${row.files === 1 ? "" : "s"})`, "dim"],
      [badge(row)],
      ...tail(row),
    ]),
    paint,
  );
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
export function renderShow(
  file: string,
  rows: SessionRow[],
  paint: Paint,
  short: ShortId,
): string {
  const head = `${paint("bold", "Sessions for: ")}${paint("cyan", file)}`;
  if (!rows.length) return `${head}\n\n  No sessions found for this file.\n`;
  const lines = columns(
    rows.map((row) => [idCell(row, short), [row.timestamp ?? ""], [badge(row)], ...tail(row)]),
    paint,
  );
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
export function renderFiles(
  row: { id: string; location: string },
  files: string[],
  paint: Paint,
  short: ShortId,
) {
  const color = row.location === "shared" ? "green" : "cyan";
  const head = `${paint("bold", "Files in session: ")}${
    paint(color, short(row.id))
  } [${row.location}]`;
  return [head, "", ...files.map((f) => `  ${f}`), ""].join("\n");
}
