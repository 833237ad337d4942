/** What a tool call was about, in one line: its command, files, or key input (path, pattern, url). */
import { type Obj, obj, str } from "./json.ts";
import type { Message } from "./model.ts";

type Tool = Extract<Message, { kind: "tool" }>;

const FILE_KEYS = ["file_path", "filePath", "absolute_path", "notebook_path", "target_file"];
const PATTERN_KEYS = ["pattern", "glob", "regex", "query"];
const DIR_KEYS = ["path", "dir_path", "directory", "cwd"];
const OTHER_KEYS = ["url", "uri", "command", "cmd", "description", "prompt", "task"];
const MAX = 120;

/** The one-line target of a tool call: `$ command`, its files, or its key input ("" for none). */
export function toolTarget(message: Tool, relative: (path: string) => string = (p) => p): string {
  if (message.command) return `$ ${firstLine(message.command)}`;
  if (message.files.length) return message.files.map(relative).join(", ");
  const input = obj(message.input);
  if (!input) return "";
  const pattern = pick(input, PATTERN_KEYS);
  const dir = pick(input, DIR_KEYS);
  if (pattern) return clip(dir ? `${pattern} in ${relative(dir)}` : pattern);
  const file = pick(input, FILE_KEYS) ?? dir;
  if (file) return clip(relative(file));
  const other = pick(input, OTHER_KEYS);
  return other ? clip(firstLine(other)) : "";
}

function pick(input: Obj, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = str(input[key]);
    if (value?.trim()) return value.trim();
  }
  return undefined;
}

function firstLine(text: string): string {
  const lines = text.trim().split("\n");
  return lines.length > 1 ? `${lines[0]} …` : lines[0]!;
}

function clip(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
