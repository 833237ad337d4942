/** OpenAI Responses (`POST /v1/responses`, streamed), as Codex calls it. */
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

/** Tool names, also inside namespaces and Codex's `additional_tools` input items. */
function toolNames(tools: unknown[]): string[] {
  return tools.map(obj).flatMap((t) =>
    t.type === "namespace" ? toolNames(arr(t.tools)) : [String(t.name)]
  );
}

function turnOf(body: Record<string, unknown>): Turn {
  const input = arr(body.input).map(obj);
  const userTexts = input.filter((i) => i.type === "message" && i.role === "user")
    .map((i) => textOf(i.content));
  const results = input
    .filter((i) => i.type === "function_call_output" || i.type === "custom_tool_call_output")
    .map((i) => ({ id: String(i.call_id) }));
  const tools = [
    ...toolNames(arr(body.tools)),
    ...input.filter((i) => i.type === "additional_tools").flatMap((i) => toolNames(arr(i.tools))),
  ];
  return { userTexts, results, tools, model: String(body.model ?? "") };
}

/** The output items of a reply: a message, then the tool call (function or custom). */
function items(reply: Reply, n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (reply.text) {
    out.push({
      type: "message",
      id: `msg_${n}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: reply.text, annotations: [] }],
    });
  }
  const call = reply.call;
  if (call?.input !== undefined) {
    out.push({
      type: "custom_tool_call",
      id: `ctc_${n}`,
      status: "completed",
      call_id: call.id,
      name: call.name,
      input: call.input,
    });
  } else if (call) {
    out.push({
      type: "function_call",
      id: `fc_${n}`,
      status: "completed",
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.args ?? {}),
    });
  }
  return out;
}

function stream(reply: Reply, model: string, n: number): Response {
  const id = `resp_e2e_${n}`;
  const response = {
    id,
    object: "response",
    created_at: 0,
    model,
    status: "in_progress",
    output: [],
  };
  const output = items(reply, n);
  const events: [string, unknown][] = [
    ["response.created", { type: "response.created", response }],
  ];
  output.forEach((item, index) => {
    events.push(["response.output_item.added", {
      type: "response.output_item.added",
      output_index: index,
      item: item.type === "message" ? { ...item, content: [] } : item,
    }]);
    if (item.type === "message") {
      events.push(["response.output_text.delta", {
        type: "response.output_text.delta",
        item_id: item.id,
        output_index: index,
        content_index: 0,
        delta: reply.text,
      }]);
    }
    events.push(["response.output_item.done", {
      type: "response.output_item.done",
      output_index: index,
      item,
    }]);
  });
  events.push(["response.completed", {
    type: "response.completed",
    response: {
      ...response,
      status: "completed",
      output,
      usage: {
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 20,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 120,
      },
    },
  }]);
  return sse(events);
}

let served = 0;

/** The OpenAI Responses API. */
export const openaiResponses: ApiShape = {
  name: "openai-responses",
  idPrefix: "call_",
  route(req: SeenRequest): Route {
    if (req.method === "POST" && req.path === "/v1/responses") {
      const body = obj(req.body);
      return {
        kind: "turn",
        turn: turnOf(body),
        respond: (reply, turn) => stream(reply, turn.model, ++served),
      };
    }
    return {
      kind: "unexpected",
      why: `${req.method} ${req.path}${req.query}`,
      respond: (m) => json({ error: { message: m, type: "invalid_request_error" } }, 400),
    };
  },
};
