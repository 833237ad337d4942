/** Commits for the web viewer: the linked ones or HEAD's latest, with their sessions. */
import type { ShortId } from "../core/session_id.ts";
import { git, splitLines } from "./git.ts";
import { readLinks } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { sessionShortIds } from "./short_ids.ts";

/** A commit as the viewer shows it. */
export interface CommitJson {
  sha: string;
  short: string;
  date: string;
  author: string;
  subject: string;
  sessions: string[];
  /** Each session id by its shortest unique prefix. */
  shorts: string[];
}

const SEP = "\x1f";
const FORMAT = ["%H", "%h", "%aI", "%an", "%s"].join(SEP);

/** Commits with their linked sessions: the linked ones (newest first), or with `all` HEAD's latest. */
export async function commitRows(repo: Repo, all: boolean, limit: number): Promise<CommitJson[]> {
  const links = await readLinks(repo);
  const short = await sessionShortIds(repo, [...links.values()].flat());
  if (!all) return (await commitDetails(repo, [...links.keys()], links, short)).slice(0, limit);
  const cwd = gitCwd(repo);
  const out = await git([
    "log",
    "--no-show-signature",
    `-n${limit}`,
    `--format=${FORMAT}`,
    "HEAD",
    "--",
  ], {
    cwd,
    okCodes: [128],
  });
  return out.code === 0 ? parseLog(out.stdout, links, short) : [];
}

/** Subjects, dates and sessions of `shas` (missing ones skipped), newest first. */
export async function commitDetails(
  repo: Repo,
  shas: string[],
  links: Map<string, string[]>,
  short: ShortId,
): Promise<CommitJson[]> {
  if (!shas.length) return [];
  const cwd = gitCwd(repo);
  const out = await git(
    [
      "log",
      "--no-show-signature",
      "--no-walk",
      "--ignore-missing",
      "--stdin",
      `--format=${FORMAT}`,
    ],
    { cwd, stdin: shas.join("\n") + "\n", okCodes: [128] },
  );
  return parseLog(out.stdout, links, short);
}

function parseLog(
  text: string,
  links: Map<string, string[]>,
  shortId: ShortId,
): CommitJson[] {
  return splitLines(text).map((line) => {
    const [sha = "", short = "", date = "", author = "", subject = ""] = line.split(SEP);
    const sessions = links.get(sha) ?? [];
    return { sha, short, date, author, subject, sessions, shorts: sessions.map(shortId) };
  });
}
