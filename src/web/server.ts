/** The `git atrace web` HTTP server: loopback only, token-guarded API, strict headers, embedded page. */
import { CommandError } from "../core/errors.ts";
import { isLoopbackHost, securityHeaders, tokenEquals } from "../core/web_security.ts";
import type { Repo } from "../io/repo.ts";
import { MessageCache } from "../io/web_cache.ts";
import { handleApi } from "./api.ts";
import { respond } from "./http.ts";
import page from "./page.html" with { type: "text" };
import style from "./page.css" with { type: "text" };
import entry from "./page.js" with { type: "text" };
import commits from "./page_commits.js" with { type: "text" };
import dom from "./page_dom.js" with { type: "text" };
import files from "./page_files.js" with { type: "text" };
import session from "./page_session.js" with { type: "text" };
import sessions from "./page_sessions.js" with { type: "text" };

/** The header the page sends the token in. */
export const TOKEN_HEADER = "x-atrace-token";

/** How to start the server. */
export interface WebOptions {
  /** 0 picks a free port. */
  port: number;
  /** The API token; null turns the check off (--no-token). */
  token: string | null;
}

/** A running server. */
export interface WebServer {
  /** The page's URL, with the token when there is one. */
  url: string;
  origin: string;
  port: number;
  token: string | null;
  /** Stops the server and waits until it has stopped. */
  shutdown(): Promise<void>;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
}

const ASSETS: Record<string, [string, string]> = {
  "/": [page, "text/html; charset=utf-8"],
  "/index.html": [page, "text/html; charset=utf-8"],
  "/app.css": [style, "text/css; charset=utf-8"],
  ...scripts({
    page: entry,
    page_commits: commits,
    page_dom: dom,
    page_files: files,
    page_session: session,
    page_sessions: sessions,
  }),
};

/** The page's modules, each served as `/<name>.js`. */
function scripts(modules: Record<string, string>): Record<string, [string, string]> {
  const type = "text/javascript; charset=utf-8";
  return Object.fromEntries(
    Object.entries(modules).map(([name, text]) => [`/${name}.js`, [text, type]]),
  );
}

/** A fresh random token (128 bits, hex). */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Starts serving `repo` on 127.0.0.1; resolves once it listens. */
export function startWebServer(repo: Repo, opts: WebOptions): Promise<WebServer> {
  const cache = new MessageCache();
  let port = opts.port;
  const handler = (req: Request) => handle(req, { repo, cache, port, token: opts.token });
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: "127.0.0.1",
      port: opts.port,
      onListen: () => {},
      onError: () => respond(500, "internal error"),
    }, handler);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return Promise.reject(new CommandError(`cannot listen on 127.0.0.1:${opts.port}: ${detail}`));
  }
  port = server.addr.port;
  const origin = `http://127.0.0.1:${port}`;
  const query = opts.token ? `?token=${opts.token}` : "";
  return Promise.resolve({
    url: `${origin}/${query}#/sessions`,
    origin,
    port,
    token: opts.token,
    shutdown: () => server.shutdown(),
    finished: server.finished,
  });
}

interface State {
  repo: Repo;
  cache: MessageCache;
  port: number;
  token: string | null;
}

/** Answers one request: Host check, then assets or the token-guarded API. */
async function handle(req: Request, state: State): Promise<Response> {
  if (!isLoopbackHost(req.headers.get("host"), state.port)) return respond(403, "forbidden host");
  const url = new URL(req.url);
  if (req.method !== "GET" && req.method !== "HEAD") return respond(405, "method not allowed");
  const asset = ASSETS[url.pathname];
  if (asset) return new Response(asset[0], { headers: securityHeaders(asset[1]) });
  if (!url.pathname.startsWith("/api/")) return respond(404, "not found");
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== `http://${req.headers.get("host")}`) {
    return respond(403, "forbidden origin");
  }
  if (state.token !== null && !tokenEquals(req.headers.get(TOKEN_HEADER), state.token)) {
    return respond(401, "missing or wrong token");
  }
  try {
    return await handleApi(url, state);
  } catch {
    return respond(500, "internal error");
  }
}
