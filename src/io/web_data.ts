/** What the web API serves, read from the store, the notes and git. */
import { isAbsolute, join, relative, sep } from "node:path";
import type { Message } from "../core/model.ts";
import { repoRelative } from "../core/paths.ts";
import { isValidSessionId, type ShortId, shortIds } from "../core/session_id.ts";
import { apiMessage, type IndexedMessage, pageStart } from "../core/web_messages.ts";
import { statOrNull } from "./fs.ts";
import { openRegular } from "./safe_path.ts";
import { git } from "./git.ts";
import { commitDetails } from "./web_commits.ts";
import { readLinks } from "./notes.ts";
import type { Repo } from "./repo.ts";
import type { MessageCache } from "./web_cache.ts";
import { hasSharedCopy } from "./share_dir.ts";
import { sessionShortIds } from "./short_ids.ts";
import {
  eventsPath,
  listSessions,
  readFileList,
  readMeta,
  resolveSession,
  sessionPath,
  type SessionRef,
  type SessionSummary,
} from "./store.ts";

/** A session row of the sessions view. */
export interface SessionRowJson {
  id: string;
  short: string;
  location: "local" | "shared";
  shared: boolean;
  timestamp: string | null;
  agent: string | null;
  model: string | null;
  title: string | null;
  files: string[];
  commits: number;
}

/** Every session with its files and number of linked commits; `q` keeps those whose text has it. */
export async function sessionRows(repo: Repo, q: string): Promise<SessionRowJson[]> {
  const [summaries, links] = await Promise.all([listSessions(repo), readLinks(repo)]);
  const counts = new Map<string, number>();
  for (const ids of links.values()) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const short = shortIds(summaries.map((s) => s.id));
  const rows = summaries.map((s) => toRow(s, counts, short));
  if (!q.trim()) return rows;
  const needle = q.trim().toLowerCase();
  const hits = await Promise.all(rows.map((row, i) => matches(summaries[i]!, row, needle)));
  return rows.filter((_, i) => hits[i]);
}

function toRow(s: SessionSummary, counts: Map<string, number>, short: ShortId): SessionRowJson {
  return {
    id: s.id,
    short: short(s.id),
    location: s.location,
    shared: s.shared,
    timestamp: s.timestamp,
    agent: s.meta?.agent ?? null,
    model: s.meta?.model ?? null,
    title: s.meta?.title ?? null,
    files: s.fileList,
    commits: counts.get(s.id) ?? 0,
  };
}

async function matches(ref: SessionRef, row: SessionRowJson, needle: string): Promise<boolean> {
  const own = [row.id, row.title ?? "", row.agent ?? "", ...row.files].join("\n").toLowerCase();
  if (own.includes(needle)) return true;
  for (const path of [sessionPath(ref.dir, ref.id, ".jsonl"), await eventsPath(ref)]) {
    if (await fileContains(path, needle).catch(() => false)) return true;
  }
  return false;
}

/** JSON-escaped text folded back roughly (newlines, quotes), for searches across lines. */
function jsonText(text: string): string {
  return text.replaceAll("\\n", "\n").replaceAll('\\"', '"').toLowerCase();
}

/**
 * True when `needle` (lower case) is in the file's text, as written or JSON-unescaped; read in
 * chunks, keeping only an overlap between them, so that memory stays bounded whatever the size.
 */
async function fileContains(path: string, needle: string): Promise<boolean> {
  const file = await openRegular(path);
  if (!file) return false;
  using _ = file;
  const decoder = new TextDecoder();
  const buf = new Uint8Array(1 << 16);
  const overlap = needle.length * 2 + 8;
  let tail = "";
  for (let done = false; !done;) {
    const n = await file.read(buf);
    done = n === null;
    const text = tail + decoder.decode(buf.subarray(0, n ?? 0), { stream: !done }).toLowerCase();
    if (text.includes(needle) || jsonText(text).includes(needle)) return true;
    tail = text.slice(-overlap);
  }
  return false;
}

/** The session `id` names (an exact id or a unique prefix), or null. */
export async function findSession(repo: Repo, id: string): Promise<SessionRef | null> {
  if (!isValidSessionId(id)) return null;
  try {
    return await resolveSession(repo, id);
  } catch {
    return null;
  }
}

/** A session's header: metadata, files, linked commits and message count. */
export async function sessionInfo(repo: Repo, ref: SessionRef, cache: MessageCache) {
  const [meta, files, links, total, short] = await Promise.all([
    readMeta(ref),
    readFileList(ref),
    readLinks(repo),
    cache.count(ref),
    sessionShortIds(repo),
  ]);
  const shas = [...links].filter(([, ids]) => ids.includes(ref.id)).map(([sha]) => sha);
  return {
    id: ref.id,
    short: short(ref.id),
    location: ref.location,
    shared: ref.location === "shared" || await hasSharedCopy(repo, ref.id),
    meta,
    files,
    commits: await commitDetails(repo, shas, links, short),
    total,
  };
}

/** One page of a session's messages; with `call`, the page holding that tool call. */
export async function messagePage(
  ref: SessionRef,
  cache: MessageCache,
  page: { offset: number; limit: number; call: string | null; roots: string[] },
): Promise<{ total: number; offset: number; index: number; messages: IndexedMessage[] }> {
  const total = await cache.count(ref);
  const index = page.call ? await cache.callIndex(ref, page.call) : -1;
  const offset = index >= 0 ? pageStart(index, page.limit) : Math.min(page.offset, total);
  const slice = await cache.page(ref, offset, page.limit);
  return {
    total,
    offset,
    index,
    messages: slice.map((m, i) => apiMessage(relativeFiles(m, page.roots), offset + i)),
  };
}

/** A tool message with the paths inside the work tree made repo-relative. */
function relativeFiles(message: Message, roots: string[]): Message {
  if (message.kind !== "tool" || !roots.length) return message;
  const files = message.files.map((f) => repoRelative(f, roots[0]!, roots) ?? f);
  return { ...message, files };
}

/** The files git tracks in the work tree. */
export async function trackedFiles(repo: Repo): Promise<string[]> {
  if (repo.root === null) return [];
  const out = await git(["ls-files", "-z"], { cwd: repo.root });
  return out.stdout.split("\0").filter((p) => p !== "");
}

/** True when `rel` names a regular file inside the work tree (symlinks leading out are refused). */
export async function insideWorkTree(repo: Repo, rel: string): Promise<boolean> {
  if (repo.root === null) return false;
  const path = join(repo.root, rel);
  const info = await statOrNull(path);
  if (!info) return true;
  const [real, root] = await Promise.all([Deno.realPath(path), Deno.realPath(repo.root)]);
  const within = relative(root, real);
  return within !== "" && within !== ".." && !within.startsWith(`..${sep}`) && !isAbsolute(within);
}
