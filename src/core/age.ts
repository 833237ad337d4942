/** Ages for `gc --older-than`: `30d`, `2w`, `12h`, `90m`, `45s`, or `now`. */
import { UsageError } from "./errors.ts";

const UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The age in milliseconds; a usage error for anything else. */
export function parseAge(text: string): number {
  if (text === "now") return 0;
  const m = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (!m) {
    throw new UsageError(`invalid age '${text}': use a number and s, m, h, d or w (e.g. 30d)`, {
      cause: "gc",
    });
  }
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** A byte count for people: 512 B, 3.4 KiB, 12.0 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(1)} ${units[i]}`;
}
