/** Anthropic Messages (`POST /v1/messages`, streamed), as Claude Code calls it. */
import {
  type ApiShape,
  arr,
  json,
  obj,
  type Reply,
  type Route,
  type SeenRequest,
  sse,
  textOf,
  type Turn,
} from "./types.ts";

function turnOf(body: Record<string, unknown>): Turn {
  const userTexts: string[] = [];
  const results: Turn["results"] = [];
  for (const message of arr(body.messages).map(obj)) {
    if (message.role !== "user") continue;
    userTexts.push(textOf(message.content));
    for (const block of arr(message.content).map(obj)) {
      if (block.type === "tool_result") results.push({ id: String(block.tool_use_id) });
    }
  }
  return {
    userTexts,
    results,
    tools: arr(body.tools).map((t) => String(obj(t).name)),
    model: String(body.model ?? ""),
  };
}

function blocks(reply: Reply): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (reply.text) out.push({ type: "text", text: reply.text });
  if (reply.call) {
    out.push({
      type: "tool_use",
      id: reply.call.id,
      name: reply.call.name,
      input: reply.call.args,
    });
  }
  return out;
}

function message(reply: Reply, model: string, n: number): Record<string, unknown> {
  return {
    id: `msg_e2e_${n}`,
    type: "message",
    role: "assistant",
    model,
    content: blocks(reply),
    stop_reason: reply.call ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 100, output_tokens: 20 },
  };
}

function stream(reply: Reply, model: string, n: number): Response {
  const events: [string, unknown][] = [[
    "message_start",
    {
      type: "message_start",
      message: { ...message({}, model, n), content: [], stop_reason: null },
    },
  ]];
  blocks(reply).forEach((block, index) => {
    const start = block.type === "text" ? { ...block, text: "" } : { ...block, input: {} };
    events.push(["content_block_start", {
      type: "content_block_start",
      index,
      content_block: start,
    }]);
    const delta = block.type === "text"
      ? { type: "text_delta", text: block.text }
      : { type: "input_json_delta", partial_json: JSON.stringify(block.input) };
    events.push(["content_block_delta", { type: "content_block_delta", index, delta }]);
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  events.push(["message_delta", {
    type: "message_delta",
    delta: { stop_reason: reply.call ? "tool_use" : "end_turn", stop_sequence: null },
    usage: { output_tokens: 20 },
  }]);
  events.push(["message_stop", { type: "message_stop" }]);
  return sse(events);
}

let served = 0;

/** The Anthropic Messages API. */
export const anthropic: ApiShape = {
  name: "anthropic-messages",
  idPrefix: "toolu_e2e_",
  route(req: SeenRequest): Route {
    if (req.method === "HEAD" && req.path === "/") {
      return { kind: "side", label: "HEAD /", response: new Response(null) };
    }
    if (req.method === "POST" && req.path === "/v1/messages") {
      const body = obj(req.body);
      return {
        kind: "turn",
        turn: turnOf(body),
        respond: (reply, turn) =>
          body.stream
            ? stream(reply, turn.model, ++served)
            : json(message(reply, turn.model, ++served)),
      };
    }
    return {
      kind: "unexpected",
      why: `${req.method} ${req.path}`,
      respond: (m) =>
        json({ type: "error", error: { type: "invalid_request_error", message: m } }, 400),
    };
  },
};
