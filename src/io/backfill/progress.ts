/** A progress line on stderr for runs longer than a second (on a terminal, or when asked). */
import type { Sink } from "../context.ts";

const DELAY_MS = 1000;

/** Reports progress; silent unless enabled, and until a second has passed. */
export interface Progress {
  update(label: string, done: number, total: number): Promise<void>;
  /** Clears the line. */
  end(): Promise<void>;
}

/** How progress shows: redrawn in place on a terminal, a line per second elsewhere, or not at all. */
export type ProgressMode = "terminal" | "lines" | "off";

/** A progress reporter writing to `stderr`. */
export function progressLine(stderr: Sink, mode: ProgressMode, now = () => Date.now()): Progress {
  const started = now();
  const every = mode === "terminal" ? 100 : 1000;
  let last = 0;
  let shown = false;
  return {
    async update(label, done, total) {
      const time = now();
      if (mode === "off" || time - started < DELAY_MS || time - last < every) return;
      last = time;
      shown = true;
      const text = `backfill: ${label} ${done}/${total}`;
      await stderr.write(mode === "terminal" ? `\r\x1b[K${text}` : `${text}\n`);
    },
    async end() {
      if (shown && mode === "terminal") await stderr.write("\r\x1b[K");
      shown = false;
    },
  };
}

/** Redrawn on a terminal; with `forced`, line by line elsewhere; else none. */
export function progressMode(forced: boolean): ProgressMode {
  return Deno.stderr.isTerminal() ? "terminal" : forced ? "lines" : "off";
}
