/** Replacing findings with `[REDACTED:<kind>]` in plain text, JSON documents and JSONL. */
import { acceptQuoted, secretNameKind } from "./context.ts";
import { type Detector, mergeFindings, type RawFinding } from "./detect.ts";

/** One finding as reported to people: kind, 1-based line and a masked preview. */
export interface Finding {
  kind: string;
  line: number;
  preview: string;
}

/** Redacted text and what was replaced. */
export interface Redacted {
  text: string;
  findings: Finding[];
}

/**
 * A string to scan, the line it sits on and where its redacted text goes. `joinNext` marks an
 * element of a line array (a hunk's `lines`, `addedLines`, `structuredPatch.lines`): the next
 * segment continues it after a newline, so a secret spread over lines is seen whole.
 */
interface Segment {
  text: string;
  line: number;
  fixed: RawFinding[];
  set?: (value: string) => void;
  joinNext?: boolean;
}

const SEPARATOR = "\n\u0000\n";
const CHUNK = 1 << 20;

/** A secret shown without revealing it: a short prefix of long ones, and the length. */
function mask(secret: string): string {
  const flat = secret.replace(/\s+/g, " ");
  const head = flat.length >= 16 ? flat.slice(0, 4) : "";
  return `${head}…(${secret.length} chars)`;
}

/** `text` with each finding (sorted, disjoint) replaced by its marker, built in one pass. */
function replace(text: string, findings: RawFinding[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const f of findings) {
    parts.push(text.slice(at, f.start), `[REDACTED:${f.kind}]`);
    at = f.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** Scans segments in batches of about 1 MiB and returns each segment's merged findings. */
async function scanSegments(detector: Detector, segments: Segment[]): Promise<RawFinding[][]> {
  const results: RawFinding[][] = segments.map((s) => [...s.fixed]);
  let i = 0;
  while (i < segments.length) {
    const starts: number[] = [];
    let buffer = "";
    const first = i;
    // A batch never ends inside a line array: its lines are scanned as one text.
    while (
      i < segments.length &&
      (buffer.length === 0 || buffer.length < CHUNK || segments[i - 1]!.joinNext)
    ) {
      if (i > first) buffer += segments[i - 1]!.joinNext ? "\n" : SEPARATOR;
      starts.push(buffer.length);
      buffer += segments[i]!.text;
      i++;
    }
    // Findings come sorted and disjoint, as do the segments: one pass over both.
    let from = 0;
    for (const f of await detector.scan(buffer)) {
      const end = (k: number) => starts[k]! + segments[first + k]!.text.length;
      while (from < starts.length && end(from) <= f.start) from++;
      for (let k = from; k < starts.length && starts[k]! < f.end; k++) {
        const s = starts[k]!;
        const e = end(k);
        if (f.end <= s || f.start >= e) continue;
        results[first + k]!.push({
          start: Math.max(f.start, s) - s,
          end: Math.min(f.end, e) - s,
          kind: f.kind,
        });
      }
    }
  }
  return results.map(mergeFindings);
}

async function redactSegments(detector: Detector, segments: Segment[]): Promise<Finding[]> {
  const all = await scanSegments(detector, segments);
  const findings: Finding[] = [];
  segments.forEach((segment, i) => {
    const found = all[i]!;
    if (!found.length) return;
    // Lines counted as the (sorted) findings advance; a JSON string value keeps its line.
    let line = segment.line;
    let nl = segment.set ? -1 : segment.text.indexOf("\n");
    for (const f of found) {
      for (; nl >= 0 && nl < f.start; nl = segment.text.indexOf("\n", nl + 1)) line++;
      findings.push({
        kind: f.kind,
        line,
        preview: mask(segment.text.slice(f.start, f.end)),
      });
    }
    const next = replace(segment.text, found);
    if (segment.set) segment.set(next);
    else segment.text = next;
  });
  return findings;
}

/** Keys to rename once every value is redacted (a value's setter names its key). */
type Renames = (() => void)[];

/**
 * Collects the strings of a parsed JSON value as segments: values, the elements of string arrays
 * (as one text, a line per element), and object keys (a token may be a key); the values of
 * secret-named keys are findings whole.
 */
function collect(
  value: unknown,
  line: number,
  out: Segment[],
  set: (v: unknown) => void,
  renames: Renames,
): void {
  if (typeof value === "string") {
    out.push({ text: value, line, fixed: [], set });
  } else if (Array.isArray(value)) {
    const lines = value.length > 1 && value.every((item) => typeof item === "string");
    if (lines && isDiff(value as string[])) {
      // A hunk's lines stand for the file's text: scanned without their +/-/space markers.
      value.forEach((item: string, i) =>
        out.push({
          text: item.slice(1),
          line,
          fixed: [],
          set: (v) => (value[i] = (item[0] ?? "") + v),
        })
      );
    } else {
      value.forEach((item, i) => collect(item, line, out, (v) => (value[i] = v), renames));
    }
    if (lines) {
      for (let k = out.length - value.length; k < out.length - 1; k++) out[k]!.joinNext = true;
    }
  } else if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const item = obj[key];
      const setter = (v: unknown) => (obj[key] = v);
      out.push({
        text: key,
        line,
        fixed: [],
        set: (name) => renames.push(() => renameKey(obj, key, name)),
      });
      const kind = secretNameKind(key);
      if (kind && typeof item === "string" && acceptQuoted(item, kind)) {
        out.push({ text: item, line, fixed: [{ start: 0, end: item.length, kind }], set: setter });
      } else {
        collect(item, line, out, setter, renames);
      }
    }
  }
}

/** True for a diff hunk's lines: each starts with '+', '-' or ' ', and some change something. */
function isDiff(lines: string[]): boolean {
  return lines.every((l) => l === "" || "+- ".includes(l[0]!)) &&
    lines.some((l) => l[0] === "+" || l[0] === "-");
}

/** Renames `key` of `obj` in place, keeping the order of keys (and every key distinct). */
function renameKey(obj: Record<string, unknown>, key: string, name: string): void {
  let unique = name;
  for (let n = 2; unique in obj && unique !== key; n++) unique = `${name} #${n}`;
  const entries = Object.entries(obj).map(([k, v]) => [k === key ? unique : k, v] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}

/** Collects `root` (held in `holder.v`), redacts it and applies the key renames. */
async function redactHeld(
  holder: { v: unknown },
  detector: Detector,
  source?: string,
): Promise<Finding[]> {
  const segments: Segment[] = [];
  const renames: Renames = [];
  collect(holder.v, 1, segments, (v) => (holder.v = v), renames);
  if (source !== undefined) placeInSource(source, segments);
  const findings = await redactSegments(detector, segments);
  for (const rename of renames) rename();
  return findings;
}

/** Redacts plain text (line numbers count from 1). */
export async function redactText(text: string, detector: Detector): Promise<Redacted> {
  const segment: Segment = { text, line: 1, fixed: [] };
  const findings = await redactSegments(detector, [segment]);
  return { text: segment.text, findings };
}

/** Redacts a JSON value in place of a copy; returns the copy and the findings. */
export async function redactValue<T>(
  value: T,
  detector: Detector,
): Promise<{ value: T; findings: Finding[] }> {
  const holder = { v: structuredClone(value) as unknown };
  const findings = await redactHeld(holder, detector);
  return { value: holder.v as T, findings };
}

/** Sets each string's line to where it is written in `source` (strings are collected in order). */
function placeInSource(source: string, segments: Segment[]): void {
  let at = 0;
  let line = 1;
  for (const segment of segments) {
    const found = source.indexOf(JSON.stringify(segment.text), at);
    if (found < 0) continue;
    for (let i = source.indexOf("\n", at); i >= 0 && i < found; i = source.indexOf("\n", i + 1)) {
      line++;
    }
    at = found;
    segment.line = line;
  }
}

/** Redacts one JSON document; unchanged documents keep their bytes, changed ones are re-indented. */
export async function redactJsonDocument(text: string, detector: Detector): Promise<Redacted> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return redactText(text, detector);
  }
  const holder = { v: parsed };
  const findings = await redactHeld(holder, detector, text);
  const value = holder.v;
  if (!findings.length) return { text, findings };
  return { text: JSON.stringify(value, null, 2) + (text.endsWith("\n") ? "\n" : ""), findings };
}

/** True for one JSON document spread over lines (its first line alone is not JSON). */
function isJsonDocument(text: string): boolean {
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "";
  if (!/^\s*[[{]/.test(first)) return false;
  try {
    JSON.parse(first);
    return false;
  } catch {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
}

/** Redacts JSONL inside each line's string values (plain text for lines that are not JSON). */
export async function redactJsonl(text: string, detector: Detector): Promise<Redacted> {
  if (isJsonDocument(text)) return redactJsonDocument(text, detector);
  const lines = text.split("\n");
  const parsed: unknown[] = [];
  const segments: Segment[] = [];
  const renames: Renames = [];
  let textLine = -2;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const holder = { v: JSON.parse(line) as unknown };
      parsed[i] = holder;
      collect(holder.v, i + 1, segments, (v) => (holder.v = v), renames);
    } catch {
      // Lines that are not JSON follow each other as one text (a key pasted over several lines).
      if (textLine === i - 1) segments.at(-1)!.joinNext = true;
      textLine = i;
      segments.push({ text: line, line: i + 1, fixed: [], set: (v) => (lines[i] = v) });
    }
  });
  const findings = await redactSegments(detector, segments);
  for (const rename of renames) rename();
  const changed = new Set(findings.map((f) => f.line - 1));
  for (const i of changed) {
    const holder = parsed[i] as { v: unknown } | undefined;
    if (holder) lines[i] = JSON.stringify(holder.v);
  }
  return { text: lines.join("\n"), findings };
}
