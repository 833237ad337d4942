/** Gathering a summary: one `git log`, one diff of the range's commits, one read of the notes, one
 * `git blame` per changed file, and what the store knows of each session. */
import { join, relative } from "node:path";
import type { AgentTraceRecord } from "../../core/agent_trace.ts";
import { parsePorcelain } from "../../core/blame.ts";
import { redactText } from "../../core/redact/apply.ts";
import type { Detector } from "../../core/redact/detect.ts";
import {
  buildSummary,
  commitSummary,
  countLine,
  creditsOf,
  emptyCounts,
  type FileSummary,
  type SessionFacts,
  type Summary,
} from "../../core/summary/model.ts";
import { commitDiffs } from "../commits.ts";
import { writeAtomic } from "../fs.ts";
import { git, splitNul } from "../git.ts";
import { readAllNotesAt } from "../notes.ts";
import { gitCwd, type Repo, rootAliases } from "../repo.ts";
import { sessionHtml } from "../session_html.ts";
import { readMeta, resolveSession, sessionPath, sharedDir } from "../store.ts";
import { adapterFor, firstPrompt, readEvents } from "../transcript_read.ts";
import type { ResolvedRange } from "./range.ts";

const BLAME_AT_ONCE = 4;

/** Options of a summary. */
export interface CollectOptions {
  detector: Detector;
  /** Where to write the shared sessions' pages (`export --html`), and that folder as the user
   * named it, if anywhere. */
  pages: { dir: string; shown: string } | null;
}

/** The summary of `range`. */
export async function collectSummary(
  repo: Repo,
  range: ResolvedRange,
  opts: CollectOptions,
): Promise<Summary> {
  const shas = range.commits.map((c) => c.sha);
  const [diffs, notes] = await Promise.all([
    commitDiffs(repo, shas),
    readAllNotesAt(gitCwd(repo)),
  ]);
  const commits = range.commits.map((c) =>
    commitSummary(
      c.sha,
      c.subject,
      diffs.get(c.sha) ?? [],
      notes.ranges.get(c.sha) ?? [],
      notes.links.get(c.sha) ?? [],
    )
  );
  const files = await fileSummaries(repo, range, notes.ranges);
  const ids = new Set(commits.flatMap((c) => [...Object.keys(c.bySession), ...c.linkedOnly]));
  const facts = new Map<string, SessionFacts>();
  for (const id of ids) facts.set(id, await sessionFacts(repo, id, opts));
  return buildSummary(range, commits, files, notes.ranges, facts);
}

/** Each changed file's lines (at the tip) that the range's commits wrote, credited by blame. */
async function fileSummaries(
  repo: Repo,
  range: ResolvedRange,
  records: Map<string, AgentTraceRecord[]>,
): Promise<FileSummary[]> {
  const cwd = gitCwd(repo);
  const inRange = new Set(range.commits.map((c) => c.sha));
  const cache = new Map<string, ReturnType<typeof creditsOf>>();
  const credits = (commit: string) => {
    const known = cache.get(commit) ?? creditsOf(commit, records.get(commit) ?? []);
    cache.set(commit, known);
    return known;
  };
  const numstat = await git(
    [
      "diff",
      "--numstat",
      "-z",
      "--no-renames",
      "--no-textconv",
      "--no-ext-diff",
      range.base,
      range.tip,
      "--",
    ],
    { cwd },
  );
  const paths = splitNul(numstat.stdout).flatMap((entry) => {
    const [added, , path] = entry.split("\t");
    return added && added !== "-" && added !== "0" && path ? [path] : [];
  });
  const out: FileSummary[] = [];
  for (let i = 0; i < paths.length; i += BLAME_AT_ONCE) {
    const batch = paths.slice(i, i + BLAME_AT_ONCE);
    out.push(
      ...await Promise.all(batch.map(async (path) => {
        const blame = await git([
          "-c",
          "core.quotePath=false",
          "blame",
          "--porcelain",
          "--no-textconv",
          `${range.base}..${range.tip}`,
          "--",
          path,
        ], { cwd });
        const file: FileSummary = { path, ...emptyCounts() };
        for (const line of parsePorcelain(blame.stdout)) {
          if (!line.commit || !inRange.has(line.commit)) continue;
          countLine(file, credits(line.commit), line.origPath, line.origLine);
        }
        return file;
      })),
    );
  }
  return out.filter((f) => f.added > 0);
}

/** What the store knows of a session: agent, model, first prompt (redacted), shared copy and page. */
async function sessionFacts(repo: Repo, id: string, opts: CollectOptions): Promise<SessionFacts> {
  const ref = await resolveSession(repo, id).catch(() => null);
  if (!ref || ref.id !== id) return {};
  const meta = await readMeta(ref);
  const facts: SessionFacts = {};
  if (meta?.agent) facts.agent = meta.agent;
  if (meta?.model) facts.model = meta.model;
  const prompt = await firstPrompt(sessionPath(ref.dir, id, ".jsonl"), adapterFor(meta)) ??
    (await readEvents(ref)).find((e) => e.kind === "prompt" && e.prompt)?.prompt;
  if (prompt) facts.prompt = (await redactText(prompt, opts.detector)).text;
  if (meta?.title) facts.title = (await redactText(meta.title, opts.detector)).text;
  const shared = await sharedDir(repo);
  if (shared && repo.root) {
    const copy = sessionPath(shared, id, ".jsonl");
    if (await Deno.stat(copy).then((s) => s.isFile).catch(() => false)) {
      let page: string | null = null;
      if (opts.pages) {
        await Deno.mkdir(opts.pages.dir, { recursive: true });
        const paths = { roots: await rootAliases(repo.root), home: Deno.env.get("HOME") };
        const html = await sessionHtml(
          { id, location: "shared", dir: shared },
          opts.detector,
          paths,
        );
        await writeAtomic(join(opts.pages.dir, `${id}.html`), html);
        page = join(opts.pages.shown, `${id}.html`);
      }
      facts.shared = { copy: relative(repo.root, copy), page };
    }
  }
  return facts;
}
