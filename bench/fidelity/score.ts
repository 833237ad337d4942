// deno-lint-ignore-file no-console
/** Scoring a fidelity scenario: `blame --json` of every scored file against the truth, per step. */
import { HUMAN, type Score, scoreLines } from "./truth.ts";
import type { World } from "./world.ts";

/** How the repository was set up. */
export type Setup = "one-command" | "agent hooks only";

/** The score after one step. */
export interface StepScore {
  step: string;
  score: Score;
}

/** Index of the first line of `path` at or after `from` whose text starts with `prefix`. */
export function lineOf(world: World, path: string, prefix: string, from = 0): number {
  const i = world.truth.lines(path).findIndex((l, n) => n >= from && l.text.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting '${prefix}' in ${path}`);
  return i;
}

/** Blames every scored file and compares it with the truth. */
export async function scoreAll(world: World): Promise<Score> {
  const status = await world.git("status", "--porcelain", "--", ...world.truth.files.keys());
  if (status.trim()) throw new Error(`work tree not clean before scoring:\n${status}`);
  const score: Score = { ai: 0, credited: 0, right: 0 };
  for (const [path, lines] of world.truth.files) {
    const out = await world.atrace(["blame", path, "--json"]);
    if (out.code !== 0) throw new Error(`blame ${path}: ${out.stderr}`);
    const blamed = blamedSessions(JSON.parse(out.stdout));
    const texts = blamed.map((b) => b.content);
    if (texts.join("\n") !== lines.map((l) => l.text).join("\n")) {
      throw new Error(`truth of ${path} differs from the file`);
    }
    scoreLines(lines, blamed.map((b) => b.session), score);
    if (Deno.env.get("FIDELITY_DEBUG")) {
      lines.forEach((l, i) => {
        const got = blamed[i]!.session;
        if ((got ?? HUMAN) !== l.who) {
          console.error(
            `  ${path}:${i + 1} truth ${l.who.slice(0, 8)} got ${got?.slice(0, 8)}: ${l.text}`,
          );
        }
      });
    }
  }
  return score;
}

/** The session blame names first for each line (null: none), from `blame --json`. */
function blamedSessions(json: unknown): { content: string; session: string | null }[] {
  const rows = Array.isArray(json) ? json : (json as { lines?: unknown[] }).lines ?? [];
  return rows.map((row) => {
    const r = row as { content?: string; sessions?: { id: string }[]; session?: unknown };
    const first = r.sessions?.[0]?.id ??
      (typeof r.session === "string" ? r.session : (r.session as { id?: string })?.id);
    const session = first && first !== "untracked" && first !== "human" ? first : null;
    return { content: r.content ?? "", session };
  });
}
