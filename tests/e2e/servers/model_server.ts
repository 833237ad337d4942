/**
 * A scripted model server on 127.0.0.1: it plays the scenario's sessions turn by turn, reacting to
 * what each request carries (the prompt, the tool results so far), answers the client's known side
 * requests, and fails loudly on anything else. Every request is logged, in full, to a file.
 */
import type { SessionScript } from "../scenario.ts";
import type { ApiShape, Dialect, Reply, Route, SeenRequest, Turn } from "./types.ts";

/** One logged request: what came in and what the script made of it. */
export interface LogEntry {
  n: number;
  time: string;
  method: string;
  path: string;
  /** `main#2` (session main, step 2), `side: <label>`, or `UNEXPECTED: <why>`. */
  outcome: string;
}

/** A running model server. */
export interface ModelServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** One line per request. */
  entries: LogEntry[];
  /** Requests the script did not expect (each also in `entries`). */
  unexpected: LogEntry[];
  /** The sessions whose final answer went out. */
  finished: Set<string>;
  /** The full request log (JSON lines: entry plus body). */
  logFile: string;
}

/** Where a turn stands in the script, or why it fits nowhere. */
type Position =
  | { script: SessionScript; step: number; reply: Reply; last: boolean }
  | { why: string };

/** Finds the session a turn belongs to and the step that answers it. */
export function position(
  sessions: SessionScript[],
  turn: Turn,
  dialect: Dialect,
  idPrefix: string,
): Position {
  let best: { script: SessionScript; at: number } | null = null;
  for (const script of sessions) {
    const at = turn.userTexts.findLastIndex((text) => text.includes(script.prompt));
    if (at >= 0 && (!best || at > best.at)) best = { script, at };
  }
  if (!best) return { why: "no scripted prompt in the user messages" };
  const steps: Reply[] = best.script.steps.flatMap((step, i) => {
    const text = step.text ? { text: step.text } : {};
    if (!step.action) return [text];
    const call = dialect(step.action, `${idPrefix}${best.script.name}_${i}`, turn);
    return call ? [{ ...text, call }] : [];
  });
  const calls = steps.filter((s) => s.call);
  if (turn.results.length > calls.length) {
    return { why: `${turn.results.length} tool results, the script made ${calls.length} calls` };
  }
  for (const [i, result] of turn.results.entries()) {
    const call = calls[i]!.call!;
    const fits = result.id ? result.id === call.id : result.name === call.name;
    if (!fits) {
      return {
        why: `tool result ${i + 1} is ${
          result.id ?? result.name
        }, expected ${call.id} (${call.name})`,
      };
    }
  }
  const step = turn.results.length;
  return { script: best.script, step, reply: steps[step]!, last: step === steps.length - 1 };
}

/** Starts a server for one API shape playing `sessions` with the agent's `dialect`. */
export async function startModelServer(
  shape: ApiShape,
  sessions: SessionScript[],
  dialect: Dialect,
  logFile: string,
): Promise<ModelServer> {
  const entries: LogEntry[] = [];
  const unexpected: LogEntry[] = [];
  const finished = new Set<string>();
  const log = await Deno.open(logFile, { create: true, append: true });
  const encoder = new TextEncoder();
  let n = 0;

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const raw = await request.text();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON: logged as text
    }
    const seen: SeenRequest = {
      method: request.method,
      path: url.pathname,
      query: url.search,
      body,
    };
    const entry: LogEntry = {
      n: ++n,
      time: new Date().toISOString(),
      method: request.method,
      path: url.pathname + url.search,
      outcome: "",
    };
    let response: Response;
    let route: Route;
    try {
      route = shape.route(seen);
    } catch (error) {
      route = {
        kind: "unexpected",
        why: `unreadable request (${error})`,
        respond: (m) => new Response(m, { status: 400 }),
      };
    }
    if (route.kind === "turn") {
      const at = position(sessions, route.turn, dialect, shape.idPrefix);
      if ("why" in at) {
        entry.outcome = `UNEXPECTED: ${at.why}`;
        response = new Response(`e2e model server: ${at.why}`, { status: 400 });
      } else {
        entry.outcome = `${at.script.name}#${at.step}`;
        if (at.last) finished.add(at.script.name);
        response = route.respond(at.reply, route.turn);
      }
    } else if (route.kind === "side") {
      entry.outcome = `side: ${route.label}`;
      response = route.response;
    } else {
      entry.outcome = `UNEXPECTED: ${route.why}`;
      response = route.respond(`e2e model server: unexpected request: ${route.why}`);
    }
    entries.push(entry);
    if (entry.outcome.startsWith("UNEXPECTED")) unexpected.push(entry);
    await log.write(encoder.encode(JSON.stringify({ ...entry, query: seen.query, body }) + "\n"));
    return response;
  };

  const controller = new AbortController();
  const { promise: listening, resolve } = Promise.withResolvers<number>();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: controller.signal,
    onListen: ({ port }) => resolve(port),
  }, handle);
  const port = await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    entries,
    unexpected,
    finished,
    logFile,
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.finished;
      log.close();
    },
  };
}
