/** Asking the person at the terminal a yes/no question. */
import type { Context } from "./context.ts";

/** Asks `question` on stderr and reads one line of stdin; true for "y" or "yes". */
export async function confirm(ctx: Context, question: string): Promise<boolean> {
  await ctx.stderr.write(`${question} [y/N] `);
  const answer = (await readLine(ctx.stdin)).trim().toLowerCase();
  return answer === "y" || answer === "yes";
}

async function readLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  return text.split("\n")[0] ?? "";
}
