/** Claude Code: `ANTHROPIC_BASE_URL`, `claude -p`, the Anthropic Messages API. */
import { join } from "node:path";
import { anthropic } from "../servers/anthropic.ts";
import { type Driver, DUMMY_KEY } from "./types.ts";

/** Every hook event Claude Code 2.1 fires (the recording registers all, matcher `*`). */
const ALL_EVENTS = [
  "SessionStart",
  "UserPromptSubmit",
  "PreToolUse",
  "PostToolUse",
  "PostToolUseFailure",
  "Stop",
  "SubagentStop",
  "SessionEnd",
  "Notification",
  "PreCompact",
];

/** The Claude Code driver. */
export const claudeCode: Driver = {
  name: "claude-code",
  agent: "claude-code",
  shape: anthropic,
  quote: '"',
  sessions: ["main", "quiet", "failed"],
  editTool: "Edit",
  recording: {
    dir: "claude-code",
    transcripts: [/^\.claude\/projects\/[^/]+\/[^/]+\.jsonl$/],
    tool: (p) => typeof p.tool_name === "string" ? p.tool_name : null,
    shellTool: "Bash",
  },
  dialect(action, id, _turn, repo) {
    const path = "path" in action ? join(repo, action.path) : "";
    switch (action.kind) {
      case "write":
        return { id, name: "Write", args: { file_path: path, content: action.content } };
      case "edit":
        return {
          id,
          name: "Edit",
          args: {
            file_path: path,
            old_string: action.old,
            new_string: action.new,
            replace_all: false,
          },
        };
      case "read":
        return { id, name: "Read", args: { file_path: path } };
      case "shell":
        return {
          id,
          name: "Bash",
          args: { command: action.command, description: action.description },
        };
    }
  },
  setup({ url }) {
    return Promise.resolve({
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: DUMMY_KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
    });
  },
  argv(prompt) {
    // `--dangerously-skip-permissions` is refused as root; `-p` trusts the folder.
    return [
      "-p",
      prompt,
      "--output-format",
      "json",
      "--permission-mode",
      "acceptEdits",
      "--allowedTools",
      "Bash(git *)",
    ];
  },
  async widenHooks({ box }) {
    const file = join(box.repo, ".claude", "settings.json");
    const settings = JSON.parse(await Deno.readTextFile(file));
    settings.hooks = Object.fromEntries(ALL_EVENTS.map((event) => [event, [{
      matcher: "*",
      hooks: [{ type: "command", command: `git-atrace hook claude-code ${event}` }],
    }]]));
    await Deno.writeTextFile(file, JSON.stringify(settings, null, 2) + "\n");
  },
};
