/** The text `backfill` prints: the sessions it imports and the commits it links. */
import type { Paint } from "../colors.ts";
import { plainText } from "../colors.ts";
import type { AgentName } from "../model.ts";
import type { ShortId } from "../session_id.ts";

/** A session as the report shows it. */
export interface SessionLine {
  id: string;
  agent: AgentName;
  state: "new" | "merged" | "unchanged" | "empty" | "failed" | "deleted";
  title?: string;
  startedAt: string;
  added: number;
}

/** A (commit, session) link as the report shows it. */
export interface LinkLine {
  commit: string;
  sessionId: string;
  lines: number;
  /** False when the notes already said so. */
  changed: boolean;
}

const STATE_WORD = {
  new: "new",
  merged: "merge",
  unchanged: "same",
  empty: "empty",
  failed: "failed",
  deleted: "gone",
};

const COUNTED = {
  new: "new",
  merged: "merged",
  unchanged: "up to date",
  empty: "empty",
  deleted: "deleted since, left out",
} as const;

/** The report of a run; `dry` words it as what would happen. */
export function renderBackfill(
  sessions: SessionLine[],
  links: LinkLine[],
  dry: boolean,
  paint: Paint,
  short: ShortId,
): string {
  if (!sessions.length) {
    return "No sessions of this repository found in the agents' stores\n";
  }
  const out: string[] = [];
  const acting = sessions.filter((s) => s.state === "new" || s.state === "merged");
  const counts = (Object.keys(COUNTED) as (keyof typeof COUNTED)[])
    .map((state) => [state, sessions.filter((s) => s.state === state).length] as const)
    .filter(([, n]) => n > 0).map(([state, n]) => `${n} ${COUNTED[state]}`);
  const verb = dry ? "Would import" : "Imported";
  out.push(`${verb} ${plural(acting.length, "session")} (${counts.join(", ")})`);
  for (const s of acting) {
    const title = s.title ? plainText(s.title) : "";
    out.push(
      `  ${STATE_WORD[s.state].padEnd(5)}  ${paint("cyan", short(s.id))}  ${s.agent.padEnd(11)}  ${
        s.startedAt.slice(0, 16).replace("T", " ")
      }  ${title}`.trimEnd(),
    );
  }
  const fresh = links.filter((l) => l.changed);
  const commits = new Set(fresh.map((l) => l.commit));
  const lines = fresh.reduce((n, l) => n + l.lines, 0);
  const known = links.length - fresh.length;
  const tail = known ? `; ${plural(known, "link")} already recorded` : "";
  out.push(
    `${dry ? "Would link" : "Linked"} ${plural(commits.size, "commit")} (${
      plural(lines, "line")
    })${tail}`,
  );
  for (const l of fresh) {
    out.push(
      `  ${paint("yellow", l.commit.slice(0, 7))}  ${paint("cyan", short(l.sessionId))}  ${
        plural(l.lines, "line")
      }`,
    );
  }
  return out.join("\n") + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
