/** Commits for the web viewer: the linked ones or HEAD's latest, with their sessions. */
import { git, splitLines } from "./git.ts";
import { readLinks } from "./notes.ts";
import { gitCwd, type Repo } from "./repo.ts";

/** A commit as the viewer shows it. */
export interface CommitJson {
  sha: string;
  short: string;
  date: string;
  author: string;
  subject: string;
  sessions: string[];
}

const SEP = "\x1f";
const FORMAT = ["%H", "%h", "%aI", "%an", "%s"].join(SEP);

/** Commits with their linked sessions: the linked ones (newest first), or with `all` HEAD's latest. */
export async function commitRows(repo: Repo, all: boolean, limit: number): Promise<CommitJson[]> {
  const links = await readLinks(repo);
  if (!all) return (await commitDetails(repo, [...links.keys()], links)).slice(0, limit);
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
  return out.code === 0 ? parseLog(out.stdout, links) : [];
}

/** Subjects, dates and sessions of `shas` (missing ones skipped), newest first. */
export async function commitDetails(
  repo: Repo,
  shas: string[],
  links: Map<string, string[]>,
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
  return parseLog(out.stdout, links);
}

function parseLog(text: string, links: Map<string, string[]>): CommitJson[] {
  return splitLines(text).map((line) => {
    const [sha = "", short = "", date = "", author = "", subject = ""] = line.split(SEP);
    return { sha, short, date, author, subject, sessions: links.get(sha) ?? [] };
  });
}
