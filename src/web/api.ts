/** The JSON API behind the page: sessions, one session's pages, commits, files and file blame. */
import { basename } from "node:path";
import { intParam, safeRepoPath } from "../core/web_paths.ts";
import { type Repo, rootAliases } from "../io/repo.ts";
import { fileView } from "../io/web_blame.ts";
import type { MessageCache } from "../io/web_cache.ts";
import { json, respond } from "./http.ts";
import { commitRows } from "../io/web_commits.ts";
import {
  findSession,
  insideWorkTree,
  messagePage,
  sessionInfo,
  sessionRows,
  trackedFiles,
} from "../io/web_data.ts";

/** What the handlers need. */
export interface ApiState {
  repo: Repo;
  cache: MessageCache;
}

const PAGE = 200;
const PAGE_MAX = 2000;

/** Routes one API request (already checked for Host and token). */
export async function handleApi(url: URL, state: ApiState): Promise<Response> {
  const { repo, cache } = state;
  const params = url.searchParams;
  const parts = url.pathname.slice("/api/".length).split("/");
  const [route, rawId, sub] = parts;
  if (route === "sessions" && parts.length === 1) {
    return json(await sessionRows(repo, params.get("q") ?? ""));
  }
  if (route === "session" && rawId !== undefined && parts.length <= 3) {
    const ref = await findSession(repo, decode(rawId));
    if (!ref) return respond(404, "no such session");
    if (sub === undefined) return json(await sessionInfo(repo, ref, cache));
    if (sub !== "messages") return respond(404, "not found");
    return json(
      await messagePage(ref, cache, {
        offset: intParam(params.get("offset"), 0, 1e9),
        limit: Math.max(1, intParam(params.get("limit"), PAGE, PAGE_MAX)),
        call: params.get("call"),
        roots: repo.root ? await rootAliases(repo.root) : [],
      }),
    );
  }
  if (route === "commits" && parts.length === 1) {
    const limit = Math.max(1, intParam(params.get("limit"), 300, 5000));
    return json(await commitRows(repo, params.get("all") === "1", limit));
  }
  if (route === "files" && parts.length === 1) return json(await trackedFiles(repo));
  if (route === "repo" && parts.length === 1) {
    return json({ name: basename(repo.root ?? repo.commonDir), root: repo.root });
  }
  if (route === "file" && parts.length === 1) {
    const path = safeRepoPath(params.get("path") ?? "");
    if (path === null) return respond(400, "invalid path");
    if (!(await insideWorkTree(repo, path))) return respond(400, "invalid path");
    const view = await fileView(repo, path, cache);
    return view ? json(view) : respond(404, "no such file");
  }
  return respond(404, "not found");
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}
