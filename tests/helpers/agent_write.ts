/** Agent edits for git-atrace's commit tests: a Claude Code Write hook payload through the real CLI. */
import { assertEquals } from "./assert.ts";
import type { TempRepo } from "./temp_repo.ts";

/** An agent (Claude Code payload shape) writes `path` with `content` in session `id`. */
export async function agentWrite(
  repo: TempRepo,
  id: string,
  path: string,
  content: string,
  call: string,
) {
  await repo.write(path, content);
  const payload = {
    session_id: id,
    cwd: repo.dir,
    hook_event_name: "PostToolUse",
    permission_mode: "acceptEdits",
    tool_name: "Write",
    tool_use_id: call,
    model: "claude-opus-4-5",
    tool_input: { file_path: `${repo.dir}/${path}`, content },
    tool_response: { type: "create", filePath: `${repo.dir}/${path}`, content },
  };
  const out = await repo.atrace(["hook"], { stdin: JSON.stringify(payload) });
  assertEquals(out, { code: 0, stdout: "", stderr: "" });
}
