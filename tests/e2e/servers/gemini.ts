/** Gemini (`…:streamGenerateContent?alt=sse` for the main loop, `…:generateContent` on the side). */
import {
  type ApiShape,
  arr,
  json,
  obj,
  type Reply,
  type Route,
  type SeenRequest,
  sse,
  type Turn,
} from "./types.ts";

function turnOf(body: Record<string, unknown>, model: string): Turn {
  const userTexts: string[] = [];
  const results: Turn["results"] = [];
  for (const content of arr(body.contents).map(obj)) {
    if (content.role !== "user") continue;
    const parts = arr(content.parts).map(obj);
    userTexts.push(parts.map((p) => typeof p.text === "string" ? p.text : "").join("\n"));
    for (const part of parts) {
      const response = obj(part.functionResponse);
      if (part.functionResponse) results.push({ name: String(response.name) });
    }
  }
  const tools = arr(body.tools).flatMap((t) =>
    arr(obj(t).functionDeclarations).map((f) => String(obj(f).name))
  );
  return { userTexts, results, tools, model };
}

function candidate(parts: Record<string, unknown>[], model: string) {
  return {
    candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 },
    modelVersion: model,
  };
}

function parts(reply: Reply): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (reply.text) out.push({ text: reply.text });
  if (reply.call) out.push({ functionCall: { name: reply.call.name, args: reply.call.args } });
  return out;
}

/** The Gemini CLI's side requests on `:generateContent`, told apart by what they ask for. */
function sideAnswer(body: Record<string, unknown>): [string, string] | null {
  const asked = JSON.stringify(body);
  if (asked.includes("complexity_score")) {
    const answer = { complexity_reasoning: "Explicit, linear steps.", complexity_score: 10 };
    return ["model routing", JSON.stringify(answer)];
  }
  if (asked.includes("model_choice")) {
    return [
      "model routing",
      JSON.stringify({ reasoning: "A simple task.", model_choice: "flash" }),
    ];
  }
  if (asked.includes("next_speaker")) {
    return [
      "next speaker",
      JSON.stringify({ reasoning: "The task is done.", next_speaker: "user" }),
    ];
  }
  return null;
}

/** The Gemini API as the Gemini CLI calls it. */
export const gemini: ApiShape = {
  name: "gemini",
  idPrefix: "call_",
  route(req: SeenRequest): Route {
    const match = req.method === "POST" &&
      req.path.match(
        /^\/v1(?:beta|alpha)?\/models\/([^/:]+):(streamGenerateContent|generateContent)$/,
      );
    if (match) {
      const [, model, method] = match as unknown as [string, string, string];
      const body = obj(req.body);
      if (method === "streamGenerateContent") {
        return {
          kind: "turn",
          turn: turnOf(body, model),
          respond: (reply) => sse([[null, candidate(parts(reply), model)]]),
        };
      }
      const side = sideAnswer(body);
      if (side) {
        return {
          kind: "side",
          label: side[0],
          response: json(candidate([{ text: side[1] }], model)),
        };
      }
    }
    return {
      kind: "unexpected",
      why: `${req.method} ${req.path}${req.query}`,
      respond: (m) => json({ error: { code: 400, message: m, status: "INVALID_ARGUMENT" } }, 400),
    };
  },
};
