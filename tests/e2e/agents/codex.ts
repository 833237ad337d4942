/**
 * Codex: a provider in `$CODEX_HOME/config.toml` (`wire_api = "responses"`), the project and each
 * hook trusted, `codex exec`. Two runs: `gpt-5.5` gets the classic tools (the `apply_patch` custom
 * tool and `exec_command`); the version's default model runs in "code mode", a single `exec` tool
 * whose JavaScript calls `tools.apply_patch(…)` and `tools.exec_command(…)`.
 */
import { join } from "node:path";
import type { Action } from "../scenario.ts";
import { openaiResponses } from "../servers/openai_responses.ts";
import type { ToolCall, Turn } from "../servers/types.ts";
import { listCodexHooks, trustedHooksToml } from "./codex_trust.ts";
import { type Driver, type DriverContext, DUMMY_KEY } from "./types.ts";

/** The patch that performs a write or an edit, in Codex's apply_patch format. */
function patch(action: Action): string | null {
  const lines = (text: string, mark: string) =>
    text.replace(/\n$/, "").split("\n").map((l) => mark + l);
  if (action.kind === "write") {
    return [
      "*** Begin Patch",
      `*** Add File: ${action.path}`,
      ...lines(action.content, "+"),
      "*** End Patch",
      "",
    ]
      .join("\n");
  }
  if (action.kind === "edit") {
    return [
      "*** Begin Patch",
      `*** Update File: ${action.path}`,
      "@@",
      ...lines(action.old, "-"),
      ...lines(action.new, "+"),
      "*** End Patch",
      "",
    ].join("\n");
  }
  return null;
}

/** One action as Codex's tools take it: classic tools, or code mode's `exec` when offered. */
function dialect(action: Action, id: string, turn: Turn, repo: string): ToolCall | null {
  if (action.kind === "read") return null;
  const text = patch(action);
  const shell = action.kind === "shell" ? { cmd: action.command, workdir: repo } : null;
  if (turn.tools.includes("exec") && !turn.tools.includes("apply_patch")) {
    const call = text !== null
      ? `tools.apply_patch(${JSON.stringify(text)})`
      : `tools.exec_command(${JSON.stringify(shell)})`;
    const input = `const r = await ${call};\ntext(typeof r === 'string' ? r : JSON.stringify(r));`;
    return { id, name: "exec", input };
  }
  if (text !== null) return { id, name: "apply_patch", input: text };
  return { id, name: "exec_command", args: shell! };
}

const CONFIG = (url: string, repo: string) =>
  `model_provider = "e2e"
check_for_update_on_startup = false

[model_providers.e2e]
name = "e2e"
base_url = "${url}/v1"
env_key = "E2E_MODEL_KEY"
wire_api = "responses"

[analytics]
enabled = false

[projects.${JSON.stringify(repo)}]
trust_level = "trusted"
`;

/** The tool part of a Codex hook payload's name: `apply_patch-add`, `apply_patch-update`, `Bash`. */
function codexTool(payload: Record<string, unknown>): string | null {
  if (typeof payload.tool_name !== "string") return null;
  if (payload.tool_name !== "apply_patch") return payload.tool_name;
  const command = String((payload.tool_input as { command?: unknown } | undefined)?.command);
  return command.includes("*** Add File:") ? "apply_patch-add" : "apply_patch-update";
}

function codexDriver(name: string, mode: "classic" | "codemode", model: string | null): Driver {
  return {
    name,
    agent: "codex",
    shape: openaiResponses,
    quote: '"',
    sessions: ["main", "quiet", "failed"],
    editTool: "apply_patch",
    dialect,
    recording: {
      dir: `codex/${mode}`,
      transcripts: [/^\.codex\/sessions\/\d+\/\d+\/\d+\/rollout-[^/]+\.jsonl$/],
      tool: codexTool,
      shellTool: "Bash",
    },
    async setup({ box, bin, url }: DriverContext) {
      const home = join(box.home, ".codex");
      await Deno.mkdir(home, { recursive: true });
      const env = { CODEX_HOME: home, E2E_MODEL_KEY: DUMMY_KEY };
      const config = join(home, "config.toml");
      await Deno.writeTextFile(config, CONFIG(url, box.repo));
      const hooks = await listCodexHooks(bin, box.repo, { ...box.env, ...env });
      if (!hooks.length) throw new Error("codex app-server lists no hooks for the project");
      await Deno.writeTextFile(config, "\n" + trustedHooksToml(hooks), { append: true });
      return env;
    },
    argv(prompt) {
      return [
        "exec",
        "--dangerously-bypass-approvals-and-sandbox",
        ...(model ? ["-m", model] : []),
        prompt,
      ];
    },
  };
}

/** Codex with a model that gets the classic tools. */
export const codexClassic = codexDriver("codex-classic", "classic", "gpt-5.5");
/** Codex with its default model, in code mode. */
export const codexCodeMode = codexDriver("codex-codemode", "codemode", null);
