/** Doctor's look inside recent captures: does each hold its prompt and the edits its transcript
 * shows, did its transcript hold records of unknown types, was its agent version tested? */
import { adapterByName } from "../agents/registry.ts";
import type { AgentAdapter } from "../agents/types.ts";
import type { SessionMeta } from "../core/model.ts";
import { shortIds } from "../core/session_id.ts";
import type { Finding } from "./doctor_checks.ts";
import type { Repo } from "./repo.ts";
import { listLocalSessions, type SessionSummary } from "./store.ts";
import { readMessages, type ReadStats } from "./transcript_read.ts";

const SECTION = "Captures";
const DAY_MS = 86_400_000;
/** At most this many recent sessions are read (newest first). */
const MAX_READ = 20;

/** What one session's transcript and events hold. */
interface Reading {
  prompts: number;
  edits: number;
  unknown: Record<string, number>;
}

/** Findings about the content of the sessions captured in the last 7 days. */
export async function captureQualityFindings(repo: Repo, now: Date): Promise<Finding[]> {
  const sessions = await listLocalSessions(repo);
  const short = shortIds(sessions.map((s) => s.id));
  const recent = sessions.filter((s) =>
    s.location === "local" && s.meta && s.timestamp &&
    now.getTime() - Date.parse(s.timestamp) <= 7 * DAY_MS
  ).slice(0, MAX_READ);
  const findings: Finding[] = [];
  const versions = new Map<string, Set<string>>();
  for (const session of recent) {
    const meta = session.meta!;
    const adapter = adapterByName(meta.agent);
    if (!adapter) continue;
    if (meta.agentVersion) {
      versions.set(adapter.name, (versions.get(adapter.name) ?? new Set()).add(meta.agentVersion));
    }
    const reading = await read(session, adapter);
    findings.push(...sessionFindings(short(session.id), meta, adapter, reading));
  }
  for (const [agent, seen] of versions) findings.push(...versionFindings(agent, seen));
  if (recent.length && !findings.some((f) => f.level === "problem")) {
    findings.unshift({
      section: SECTION,
      level: "ok",
      text: recent.length === 1
        ? "the last session holds its prompt and edits"
        : `the last ${recent.length} sessions hold their prompts and edits`,
    });
  }
  return findings;
}

async function read(session: SessionSummary, adapter: AgentAdapter): Promise<Reading> {
  const stats: ReadStats = { skipped: 0 };
  const reading: Reading = { prompts: 0, edits: 0, unknown: {} };
  try {
    for await (const m of readMessages(session, adapter, stats)) {
      if (m.kind === "prompt") reading.prompts++;
      if (m.kind === "tool" && m.hunks?.length) reading.edits++;
    }
  } catch {
    // An unreadable transcript shows as a session without prompt or edits.
  }
  reading.unknown = stats.unknown ?? {};
  return reading;
}

function sessionFindings(
  id: string,
  meta: SessionMeta,
  adapter: AgentAdapter,
  reading: Reading,
): Finding[] {
  const who = `${adapter.name}${meta.agentVersion ? ` ${meta.agentVersion}` : ""}: session ${id}`;
  const fix =
    `git atrace install ${adapter.name}   (then compare the agent's version with docs/agents.md)`;
  const findings: Finding[] = [];
  if (!meta.counts.prompts && !meta.title && !reading.prompts) {
    findings.push({ section: SECTION, level: "problem", text: `${who} holds no prompt`, fix });
  }
  if (reading.edits && !meta.counts.edits) {
    findings.push({
      section: SECTION,
      level: "problem",
      text: `${who}: its transcript shows ${reading.edits} edit${
        reading.edits === 1 ? "" : "s"
      }, its hooks captured none (its lines cannot be attributed)`,
      fix,
    });
  }
  const unknown = Object.entries(reading.unknown);
  if (unknown.length) {
    const total = unknown.reduce((n, [, c]) => n + c, 0);
    findings.push({
      section: SECTION,
      level: "info",
      text: `${who}: ${total} transcript record${total === 1 ? "" : "s"} of unknown type${
        unknown.length === 1 ? "" : "s"
      } skipped (${unknown.map(([t]) => t).join(", ")})`,
    });
  }
  return findings;
}

function versionFindings(agent: string, seen: Set<string>): Finding[] {
  const adapter = adapterByName(agent)!;
  const tested = adapter.tested.at(-1);
  if (!tested) {
    return [{
      section: SECTION,
      level: "info",
      text: `${agent}: tested with recorded-by-hand fixtures only (its CLI is not on npm)`,
    }];
  }
  const newer = [...seen].filter((v) => compareVersions(v, tested) > 0).sort(compareVersions);
  if (!newer.length) return [];
  return [{
    section: SECTION,
    level: "info",
    text: `${agent} ${newer.join(", ")} is newer than the versions git-atrace was tested with (${
      adapter.tested.join(", ")
    }); if its sessions look wrong, see docs/agents.md`,
  }];
}

/** Compares dotted numeric versions (`2.1.197` < `2.1.200` < `2.2`); other text compares as 0. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^\d+(\.\d+)*/.exec(v)?.[0] ?? "0").split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}
