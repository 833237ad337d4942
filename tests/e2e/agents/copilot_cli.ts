/** Copilot CLI in BYOK mode, no GitHub account: `COPILOT_OFFLINE=true COPILOT_PROVIDER_BASE_URL=…`. */
import { join } from "node:path";
import { openaiChat } from "../servers/openai_chat.ts";
import { type Driver, DUMMY_KEY } from "./types.ts";

/** The Copilot CLI driver. */
export const copilotCli: Driver = {
  name: "copilot-cli",
  agent: "copilot-cli",
  shape: openaiChat,
  quote: "'",
  sessions: ["main", "quiet", "failed"],
  editTool: "edit",
  recording: {
    dir: "copilot-cli",
    transcripts: [/^\.copilot\/session-state\/[^/]+\/(events\.jsonl|workspace\.yaml)$/],
    tool: (p) => typeof p.toolName === "string" ? p.toolName : null,
    shellTool: "bash",
  },
  dialect(action, id, _turn, repo) {
    switch (action.kind) {
      case "write":
        return {
          id,
          name: "create",
          args: { path: join(repo, action.path), file_text: action.content },
        };
      case "edit":
        return {
          id,
          name: "edit",
          args: { path: join(repo, action.path), old_str: action.old, new_str: action.new },
        };
      case "read":
        return { id, name: "view", args: { path: join(repo, action.path) } };
      case "shell":
        return {
          id,
          name: "bash",
          args: { command: action.command, description: action.description },
        };
    }
  },
  setup({ url }) {
    return Promise.resolve({
      COPILOT_OFFLINE: "true",
      COPILOT_PROVIDER_BASE_URL: `${url}/v1`,
      COPILOT_PROVIDER_API_KEY: DUMMY_KEY,
      COPILOT_MODEL: "e2e-model",
      COPILOT_AUTO_UPDATE: "false",
    });
  },
  argv(prompt) {
    return ["-p", prompt, "--allow-all-tools", "--trust-folder"];
  },
};
