/** Cline CLI 3: `cline auth -p openai-compatible …`, then `cline "<prompt>"`; stop its hub daemon. */
import { join } from "node:path";
import { run } from "../sandbox.ts";
import { openaiChat } from "../servers/openai_chat.ts";
import { killSandboxProcesses } from "./processes.ts";
import { type Driver, DUMMY_KEY } from "./types.ts";

/** The Cline driver. */
export const cline: Driver = {
  name: "cline",
  agent: "cline",
  shape: openaiChat,
  quote: "'",
  sessions: ["main", "quiet", "failed"],
  editTool: "editor",
  recording: {
    dir: "cline",
    transcripts: [/^\.cline\/data\/sessions\/[^/]+\/[^/]+\.json$/],
    tool: (p) => {
      const result = p.tool_result as
        | { name?: unknown; input?: { old_text?: unknown } }
        | undefined;
      if (typeof result?.name !== "string") return null;
      if (result.name !== "editor") return result.name;
      return result.input?.old_text === undefined ? "editor-create" : "editor-edit";
    },
    shellTool: "run_commands",
  },
  dialect(action, id, _turn, repo) {
    switch (action.kind) {
      case "write":
        return {
          id,
          name: "editor",
          args: { path: join(repo, action.path), new_text: action.content },
        };
      case "edit":
        return {
          id,
          name: "editor",
          args: { path: join(repo, action.path), old_text: action.old, new_text: action.new },
        };
      case "read":
        return null;
      case "shell":
        return { id, name: "run_commands", args: { commands: [action.command] } };
    }
  },
  async setup({ box, bin, url }) {
    const env = { CLINE_NO_AUTO_UPDATE: "1" };
    const auth = await run(box, bin, [
      "auth",
      "-p",
      "openai-compatible",
      "-k",
      DUMMY_KEY,
      "-m",
      "e2e-model",
      "-b",
      `${url}/v1`,
    ], { env, timeout: 150_000 });
    if (auth.code !== 0) throw new Error(`cline auth exited ${auth.code}: ${auth.stderr.trim()}`);
    return env;
  },
  argv(prompt) {
    return [prompt];
  },
  async teardown({ box }) {
    await killSandboxProcesses(box);
  },
};
