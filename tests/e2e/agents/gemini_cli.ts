/** Gemini CLI: `GOOGLE_GEMINI_BASE_URL`, API-key auth in settings, the repo trusted, `gemini -p --yolo`. */
import { join } from "node:path";
import { gemini } from "../servers/gemini.ts";
import { type Driver, DUMMY_KEY } from "./types.ts";

/** The Gemini CLI driver. */
export const geminiCli: Driver = {
  name: "gemini-cli",
  agent: "gemini-cli",
  shape: gemini,
  quote: '"',
  sessions: ["main", "quiet", "failed"],
  editTool: "replace",
  recording: {
    dir: "gemini-cli",
    transcripts: [/^\.gemini\/tmp\/[^/]+\/chats\/[^/]+\.jsonl?$/],
    tool: (p) => typeof p.tool_name === "string" ? p.tool_name : null,
    shellTool: "run_shell_command",
  },
  dialect(action, id, _turn, repo) {
    const path = "path" in action ? join(repo, action.path) : "";
    switch (action.kind) {
      case "write":
        return { id, name: "write_file", args: { file_path: path, content: action.content } };
      case "edit":
        return {
          id,
          name: "replace",
          args: {
            file_path: path,
            instruction: "Make the scripted edit",
            old_string: action.old,
            new_string: action.new,
          },
        };
      case "read":
        return { id, name: "read_file", args: { file_path: path } };
      case "shell":
        return {
          id,
          name: "run_shell_command",
          args: { command: action.command, description: action.description },
        };
    }
  },
  async setup({ box, url }) {
    const dir = join(box.home, ".gemini");
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(
      join(dir, "settings.json"),
      JSON.stringify({
        security: { auth: { selectedType: "gemini-api-key" } },
        privacy: { usageStatisticsEnabled: false },
        general: { disableAutoUpdate: true, disableUpdateNag: true },
      }),
    );
    await Deno.writeTextFile(
      join(dir, "trustedFolders.json"),
      JSON.stringify({ [box.repo]: "TRUST_FOLDER" }),
    );
    return { GOOGLE_GEMINI_BASE_URL: url, GEMINI_API_KEY: DUMMY_KEY };
  },
  argv(prompt) {
    return ["-p", prompt, "--yolo"];
  },
};
