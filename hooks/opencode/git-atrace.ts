/**
 * git-atrace plugin for OpenCode: hands tool calls, prompts and idle events to `git-atrace hook opencode`.
 * Works with plugin API v1 (the default export is called as a plugin factory) and v2 (its `id` and
 * `setup` are read). Never throws and never blocks the agent. Set GIT_ATRACE_BIN to use another binary.
 */
import { spawn } from "node:child_process";
import process from "node:process";

type Json = Record<string, unknown>;

const BIN = process.env.GIT_ATRACE_BIN || "git-atrace";
const argsByCall = new Map<string, unknown>();

function send(hook: string, payload: Json, directory?: string): void {
  try {
    const child = spawn(BIN, ["hook", "opencode", hook], {
      cwd: directory,
      stdio: ["pipe", "ignore", "ignore"],
    });
    child.on("error", () => {});
    child.stdin?.on("error", () => {});
    child.stdin?.end(JSON.stringify({ hook, ...payload, directory }));
  } catch {
    // git-atrace is missing or cannot start: the session goes on uncaptured.
  }
}

/** Plugin API v1: the factory OpenCode calls with the project context. */
function gitAtrace(ctx: { directory?: string; worktree?: string }) {
  const directory = ctx?.worktree || ctx?.directory;
  return Promise.resolve({
    "tool.execute.before": (input: Json, output: Json) => {
      if (typeof input?.callID === "string") argsByCall.set(input.callID, output?.args);
      return Promise.resolve();
    },
    "tool.execute.after": (input: Json, output: Json) => {
      const callID = typeof input?.callID === "string" ? input.callID : "";
      const args = input?.args ?? argsByCall.get(callID);
      argsByCall.delete(callID);
      send("tool.execute.after", { input: { ...input, args }, output }, directory);
      return Promise.resolve();
    },
    "chat.message": (input: Json, output: Json) => {
      send("chat.message", { input, output: { parts: output?.parts } }, directory);
      return Promise.resolve();
    },
    event: ({ event }: { event: Json }) => {
      const type = String(event?.type ?? "");
      if (type === "session.idle" || type === "session.created") send(type, event, directory);
      return Promise.resolve();
    },
  });
}

/** Plugin API v2: `setup` registers the same hooks on the v2 context. */
function setup(ctx: Json & { directory?: string; tool?: Json; event?: Json }) {
  const directory = typeof ctx?.directory === "string" ? ctx.directory : undefined;
  const hook = ctx?.tool?.hook as ((name: string, fn: (e: Json) => void) => void) | undefined;
  hook?.("execute.after", (e) => send("execute.after", e, directory));
  const subscribe = ctx?.event?.subscribe as ((fn: (e: Json) => void) => void) | undefined;
  subscribe?.((e) => {
    const type = String(e?.type ?? "");
    if (type === "session.idle") send(type, e, directory);
  });
}

export default Object.assign(gitAtrace, { id: "git-atrace", setup });
