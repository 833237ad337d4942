/** OpenAI Chat Completions (`POST /v1/chat/completions`, streamed): OpenCode, Cline, Copilot CLI. */
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
  const messages = arr(body.messages).map(obj);
  return {
    userTexts: messages.filter((m) => m.role === "user").map((m) => textOf(m.content)),
    results: messages.filter((m) => m.role === "tool").map((m) => ({ id: String(m.tool_call_id) })),
    tools: arr(body.tools).map((t) => String(obj(obj(t).function).name)),
    model: String(body.model ?? ""),
  };
}

const USAGE = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };

function chunk(n: number, model: string, delta: unknown, finish: string | null) {
  return {
    id: `chatcmpl-e2e-${n}`,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function stream(reply: Reply, model: string, n: number): Response {
  const events: [null, unknown][] = [[
    null,
    chunk(n, model, { role: "assistant", content: "" }, null),
  ]];
  if (reply.text) events.push([null, chunk(n, model, { content: reply.text }, null)]);
  if (reply.call) {
    events.push([
      null,
      chunk(n, model, {
        tool_calls: [{
          index: 0,
          id: reply.call.id,
          type: "function",
          function: { name: reply.call.name, arguments: JSON.stringify(reply.call.args ?? {}) },
        }],
      }, null),
    ]);
  }
  events.push([null, {
    ...chunk(n, model, {}, reply.call ? "tool_calls" : "stop"),
    usage: USAGE,
  }]);
  events.push([null, "[DONE]"]);
  return sse(events);
}

function completion(reply: Reply, model: string, n: number): Response {
  const message: Record<string, unknown> = { role: "assistant", content: reply.text ?? null };
  if (reply.call) {
    message.tool_calls = [{
      id: reply.call.id,
      type: "function",
      function: { name: reply.call.name, arguments: JSON.stringify(reply.call.args ?? {}) },
    }];
  }
  return json({
    id: `chatcmpl-e2e-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: reply.call ? "tool_calls" : "stop" }],
    usage: USAGE,
  });
}

/** A title request: no tools offered, and a system prompt that asks for a title. */
function isTitleRequest(body: Record<string, unknown>): boolean {
  if (arr(body.tools).length) return false;
  return arr(body.messages).map(obj).some((m) =>
    m.role === "system" && /title/i.test(textOf(m.content))
  );
}

let served = 0;

/** The OpenAI Chat Completions API. */
export const openaiChat: ApiShape = {
  name: "openai-chat",
  idPrefix: "call_",
  route(req: SeenRequest): Route {
    if (req.method === "POST" && req.path === "/v1/chat/completions") {
      const body = obj(req.body);
      const model = String(body.model ?? "");
      const answer = (reply: Reply) =>
        body.stream ? stream(reply, model, ++served) : completion(reply, model, ++served);
      if (isTitleRequest(body)) {
        return { kind: "side", label: "title", response: answer({ text: "Greeting app" }) };
      }
      return { kind: "turn", turn: turnOf(body), respond: (reply) => answer(reply) };
    }
    return {
      kind: "unexpected",
      why: `${req.method} ${req.path}${req.query}`,
      respond: (m) => json({ error: { message: m, type: "invalid_request_error" } }, 400),
    };
  },
};
