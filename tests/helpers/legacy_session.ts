/** Sessions written the way the original bash tool stored them: `.jsonl`, `.files`, `.timestamp`. */
import type { TempRepo } from "./temp_repo.ts";

/** A Claude Code transcript line holding a prompt. */
export function promptLine(text: string): string {
  return JSON.stringify({ type: "user", message: { role: "user", content: text } });
}

/** Writes the original tool's three files for `id` (a one-prompt transcript unless given). */
export async function legacySession(
  repo: TempRepo,
  id: string,
  opts: { transcript?: string; files?: string; timestamp?: string } = {},
): Promise<void> {
  const dir = ".git/trace/sessions";
  await repo.write(`${dir}/${id}.jsonl`, opts.transcript ?? promptLine(`prompt of ${id}`) + "\n");
  await repo.write(`${dir}/${id}.files`, opts.files ?? "a.txt\n");
  await repo.write(`${dir}/${id}.timestamp`, `${opts.timestamp ?? "2026-11-30T10:00:00Z"}\n`);
}
