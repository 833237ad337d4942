/** The file view of the web API: each line with the sessions that wrote it and their prompts. */
import type { BlameLine } from "../core/blame.ts";
import { FatalError } from "../core/errors.ts";
import { shortIds } from "../core/session_id.ts";
import { blameIsoDate, parseBlameDetails } from "../core/blame_porcelain.ts";
import { blameDetailed } from "./blame.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { listSessions } from "./store.ts";
import type { MessageCache } from "./web_cache.ts";

/** A session as the file view names it, with the prompt behind each of its tool calls. */
export interface FileSessionJson {
  short: string;
  title: string | null;
  agent: string | null;
  location: "local" | "shared";
  calls: Record<string, { prompt: string; tool: string }>;
}

/** The commit of blamed lines, as the file view shows it. */
export interface CommitJson {
  author: string;
  /** ISO 8601 with the author's offset. */
  date: string;
  summary: string;
}

/** The lines of `path` (repo-relative, validated) with their sessions; null when there is no such file. */
export async function fileView(repo: Repo, path: string, cache: MessageCache) {
  const blamed = await blameLines(repo, path);
  if (blamed === null) return null;
  const { lines, porcelain } = blamed;
  const ids = new Set(lines.flatMap((l) => l.sessions.map((s) => s.id)));
  const sessions: Record<string, FileSessionJson> = {};
  const summaries = await listSessions(repo);
  const short = shortIds([...summaries.map((s) => s.id), ...ids]);
  for (const summary of summaries) {
    if (!ids.has(summary.id)) continue;
    const prompts = await cache.callPrompts(summary);
    sessions[summary.id] = {
      short: short(summary.id),
      title: summary.meta?.title ?? null,
      agent: summary.meta?.agent ?? null,
      location: summary.location,
      calls: Object.fromEntries(prompts),
    };
  }
  const shorts = Object.fromEntries([...ids].map((id) => [id, short(id)]));
  const commits: Record<string, CommitJson> = {};
  for (const [sha, c] of parseBlameDetails(porcelain).commits) {
    if (/^0+$/.test(sha)) continue;
    commits[sha] = {
      author: c.author,
      date: blameIsoDate(c.authorTime, c.authorTz),
      summary: c.summary,
    };
  }
  return { path, lines, sessions, shorts, commits };
}

async function blameLines(
  repo: Repo,
  path: string,
): Promise<{ lines: BlameLine[]; porcelain: string } | null> {
  try {
    return await blameDetailed(gitCwd(repo), path, {});
  } catch (err) {
    if (err instanceof FatalError) return null;
    throw err;
  }
}
