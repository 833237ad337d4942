/** `why`: from a blamed line to the prompt, the assistant's words and the tool call that wrote it. */
import type { BlameLine, BlameSession } from "./blame.ts";
import { type Paint, plainText } from "./colors.ts";
import type { Hunk, Message } from "./model.ts";
import { renderHunks } from "./render_messages.ts";

/** What a session says about one tool call. */
export interface Explanation {
  toolCallId: string | null;
  tool: string | null;
  prompt: string | null;
  /** The assistant's words from the prompt up to the tool call (and right after it). */
  assistant: string[];
  /** Summaries of imported Agent Trace records (an imported session has no conversation). */
  imported: string[];
  hunks: Hunk[];
}

/** Finds the tool call among `messages` (the first id present), with its prompt and words. */
export function explain(messages: Message[], toolCallIds: string[]): Explanation {
  const at = messages.findIndex((m) =>
    m.kind === "tool" && m.callId !== undefined && toolCallIds.includes(m.callId)
  );
  const end = at < 0 ? messages.length : at;
  let start = end - 1;
  while (start >= 0 && messages[start]!.kind !== "prompt") start--;
  const prompt = start >= 0 ? (messages[start] as { text: string }).text : null;
  const words = messages.slice(start + 1, end).flatMap((m) => m.kind === "text" ? [m] : []);
  const assistant = words.filter((m) => !m.imported).map((m) => m.text);
  const imported = words.filter((m) => m.imported).map((m) => m.text);
  if (at >= 0) {
    const after = messages.slice(at + 1).find((m) => m.kind === "text" || m.kind === "prompt");
    if (after?.kind === "text" && !after.imported) assistant.push(after.text);
  }
  const tool = at >= 0 ? messages[at] as Extract<Message, { kind: "tool" }> : null;
  return {
    toolCallId: tool?.callId ?? null,
    tool: tool?.name ?? null,
    prompt,
    assistant,
    imported,
    hunks: tool?.hunks ?? [],
  };
}

/** The text of `git atrace why`. */
export function renderWhy(
  target: string,
  line: BlameLine,
  session: BlameSession | null,
  info: Explanation | null,
  paint: Paint,
): string {
  const out = [`${paint("bold", "Why:")} ${paint("cyan", target)}`, `  ${line.content}`, ""];
  if (line.commit === null) {
    return out.concat("Not committed yet (local change).").join("\n") + "\n";
  }
  out.push(`${paint("bold", "commit")}   ${paint("yellow", line.commit)}`);
  if (!session) {
    return out.concat("No session is linked to this line (untracked).").join("\n") + "\n";
  }
  const how = session.match === "range" ? "wrote this line" : "linked to the commit only";
  out.push(`${paint("bold", "session")}  ${paint("cyan", session.id)} (${how})`);
  if (session.model) out.push(`${paint("bold", "model")}    ${plainText(session.model)}`);
  if (!info) {
    return out.concat("", "The session is not in this repository's store.").join("\n") + "\n";
  }
  if (info.toolCallId) {
    const tool = plainText(info.tool ?? "?");
    out.push(`${paint("bold", "tool")}     ${tool} ${paint("dim", plainText(info.toolCallId))}`);
  }
  if (info.prompt) out.push("", paint("bold", "Prompt"), indent(plainText(info.prompt)));
  if (info.assistant.length) {
    out.push("", paint("bold", "Assistant"), indent(plainText(info.assistant.join("\n\n"))));
  }
  if (info.imported.length) {
    out.push("", paint("bold", "Imported record"), indent(plainText(info.imported.join("\n\n"))));
  }
  if (info.hunks.length) {
    out.push("", paint("bold", "Diff"), renderHunks(info.hunks, paint).trimEnd());
  }
  return out.join("\n") + "\n";
}

function indent(text: string): string {
  return text.split("\n").map((l) => `  ${l}`).join("\n");
}
