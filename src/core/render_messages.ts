/** Rendering conversation messages for people: prompts, assistant text, tool calls with compact diffs. */
import { type Paint, plainText } from "./colors.ts";
import type { Hunk, Message } from "./model.ts";
import { toolTarget } from "./tool_target.ts";

const DIFF_LINES = 24;
const RESULT_LINES = 6;
const SHELL_TOOLS = /^(bash|shell|powershell|run_shell_command|execute_command|exec_command)$/i;

/** Renders messages one at a time; remembers tool names so shell results can be shown. */
export class MessageRenderer {
  #paint: Paint;
  #root: string;
  #shellCalls = new Set<string>();
  #started = false;
  /** `root` is stripped from absolute paths so files show repo-relative. */
  constructor(paint: Paint, root = "") {
    this.#paint = paint;
    this.#root = root.endsWith("/") || root === "" ? root : `${root}/`;
  }

  /** The text for one message ("" for messages not shown to people); blocks are separated by a blank line. */
  render(message: Message): string {
    const block = this.#block(message);
    if (!block) return "";
    const gap = this.#started && message.kind !== "result" ? "\n" : "";
    this.#started = true;
    return gap + block;
  }

  #block(message: Message): string {
    const paint = this.#paint;
    switch (message.kind) {
      case "prompt":
        return paint("yellow", quote(plainText(message.text))) + "\n";
      case "text":
        return plainText(message.text).trimEnd() + "\n";
      case "thinking":
        return "";
      case "tool":
        if (message.callId && (message.command || SHELL_TOOLS.test(message.name))) {
          this.#shellCalls.add(message.callId);
        }
        return renderTool(message, paint, (path) => this.#relative(path));
      case "result": {
        const shown = message.isError || (message.callId && this.#shellCalls.has(message.callId));
        if (!shown || !message.text.trim()) return "";
        const color = message.isError ? "red" : "dim";
        return indentBlock(
          clip(plainText(message.text), RESULT_LINES),
          "  ⎿ ",
          "    ",
          color,
          paint,
        ) +
          "\n";
      }
    }
  }

  #relative(path: string): string {
    return this.#root && path.startsWith(this.#root) ? path.slice(this.#root.length) : path;
  }
}

function quote(text: string): string {
  return text.trimEnd().split("\n").map((line, i) => (i === 0 ? "> " : "  ") + line).join("\n");
}

function renderTool(
  message: Extract<Message, { kind: "tool" }>,
  paint: Paint,
  relative: (path: string) => string,
): string {
  const target = plainText(toolTarget(message, relative));
  const head = paint("dim", `[${plainText(message.name)}]`) + (target ? ` ${target}` : "");
  if (!message.hunks?.length) return head + "\n";
  return head + "\n" + renderHunks(message.hunks, paint, DIFF_LINES);
}

/** A compact coloured diff of `hunks`, at most `max` lines. */
export function renderHunks(hunks: Hunk[], paint: Paint, max = Infinity): string {
  const lines: string[] = [];
  for (const hunk of hunks) {
    if (hunk.newStart > 0) {
      lines.push(
        paint(
          "cyan",
          `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
        ),
      );
    }
    for (const raw of hunk.lines) {
      const line = plainText(raw);
      const mark = line[0];
      lines.push(
        mark === "+"
          ? paint("green", line)
          : mark === "-"
          ? paint("red", line)
          : paint("dim", line),
      );
    }
  }
  const shown = lines.slice(0, max);
  if (lines.length > max) shown.push(paint("dim", `  … ${lines.length - max} more lines`));
  return shown.map((l) => `  ${l}`).join("\n") + "\n";
}

function clip(text: string, max: number): string {
  const lines = text.trimEnd().split("\n");
  return lines.length > max
    ? [...lines.slice(0, max), `… ${lines.length - max} more lines`].join("\n")
    : lines.join("\n");
}

function indentBlock(
  text: string,
  first: string,
  rest: string,
  color: "red" | "dim",
  paint: Paint,
) {
  return text.split("\n").map((line, i) => paint(color, (i === 0 ? first : rest) + line)).join(
    "\n",
  );
}
