/** What the model server and its API shapes share. */
import type { Action } from "../scenario.ts";

/** A tool call as one API shape sends it: function-style arguments or a custom tool's raw input. */
export interface ToolCall {
  id: string;
  name: string;
  /** Function-call arguments (JSON object). */
  args?: Record<string, unknown>;
  /** A custom (freeform) tool's input text, as Codex's `apply_patch` and `exec` take. */
  input?: string;
}

/** What the server answers to one main-loop request: words, then at most one tool call. */
export interface Reply {
  text?: string;
  call?: ToolCall;
}

/** A tool result found in a request: the call id when the API carries one, else the tool name. */
export interface ToolResult {
  id?: string;
  name?: string;
}

/** What a shape reads from a main-loop request. */
export interface Turn {
  /** Every user message's text, in order. */
  userTexts: string[];
  /** Every tool result, in order. */
  results: ToolResult[];
  /** The names of the tools the client offers. */
  tools: string[];
  /** The model the client asked for. */
  model: string;
}

/** The request as the server saw it (the body parsed as JSON when it is JSON). */
export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

/** How a shape classified a request. */
export type Route =
  | { kind: "turn"; turn: Turn; respond(reply: Reply, turn: Turn): Response }
  | { kind: "side"; label: string; response: Response }
  | { kind: "unexpected"; why: string; respond(message: string): Response };

/** One API shape: routes requests and renders replies. */
export interface ApiShape {
  name: string;
  /** The prefix of tool-call ids this API's models use (`toolu_`, `call_`). */
  idPrefix: string;
  route(req: SeenRequest): Route;
}

/** How an agent's tools express an action, given what the client offers; null skips the step. */
export type Dialect = (action: Action, id: string, turn: Turn) => ToolCall | null;

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * A server-sent-events response; `events` are `[event name or null, data]`. Events go out one
 * chunk at a time, a few milliseconds apart, as a real model streams (a whole response in one
 * chunk made OpenCode stall now and then).
 */
export function sse(events: [string | null, unknown][]): Response {
  const chunks = events.map(([event, data]) =>
    (event ? `event: ${event}\n` : "") +
    `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`
  );
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/** The text of a message content that is a string or an array of `{type, text}` parts. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) =>
    part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string"
      ? (part as { text: string }).text
      : ""
  ).join("\n");
}

/** `value` as a plain object, or an empty one. */
export function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

/** `value` as an array, or an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
