/** `git atrace hook [<agent>] [<event>]`: the entry point agents call. Silent, fast, always exit 0. */
import { adapterByName, detectAdapter } from "../agents/registry.ts";
import { obj, tryParse } from "../core/json.ts";
import { followCommits } from "../io/autolink.ts";
import { capture } from "../io/capture.ts";
import type { Command } from "../io/context.ts";
import { logHookFailure, userLogDir } from "../io/hook_log.ts";
import { findRepo } from "../io/repo.ts";
import { readLimited } from "../io/input.ts";

const MAX_PAYLOAD = 32 * 1024 * 1024;

/** The hook command (also reached as git-atrace-hook and git-atrace-commit-hook). */
export const hook: Command = {
  name: "hook",
  summary: "hook entry point for agents (reads the agent's JSON payload on stdin)",
  usage: ["hook [<agent>] [<event>] [<json payload>]"],
  async run(args, ctx) {
    const named = args[0] ? adapterByName(args[0]) : undefined;
    let output = named?.hookOutput ?? "";
    let payloadCwd: string | undefined;
    let session = "";
    try {
      const stdin = ctx.stdinIsTerminal ? "" : await readLimited(ctx.stdin, MAX_PAYLOAD);
      // Codex's `notify` passes its JSON as the last argument instead of on stdin.
      const text = stdin?.trim() === "" && args.at(-1)?.startsWith("{") ? args.at(-1)! : stdin;
      if (text === null) throw new Error(`payload larger than ${MAX_PAYLOAD} bytes ignored`);
      const payload = obj(tryParse(text));
      if (!payload) {
        if (text.trim()) throw new Error("payload is not a JSON object");
        return 0;
      }
      payloadCwd = typeof payload.cwd === "string" ? payload.cwd : undefined;
      session = String(
        payload.session_id ?? payload.sessionId ?? payload.conversation_id ?? payload.taskId ?? "",
      );
      const adapter = named ?? detectAdapter(payload);
      output = adapter.hookOutput;
      const event = adapter.toEvent(payload, ctx.now(), args[1]);
      // A payload may belong to another agent than its shape says (oh-my-opencode's Claude-style hooks).
      const owner = event && event.agent !== adapter.name ? adapterByName(event.agent) : adapter;
      const captured = event ? await capture(event, owner ?? adapter, ctx.cwd) : null;
      if (captured) await followCommits(captured);
    } catch (err) {
      const repo = await findRepo(payloadCwd ?? ctx.cwd).catch(() => null);
      const message = (session ? `session '${session}': ` : "") +
        (err instanceof Error ? err.message : String(err));
      const target = repo ?? userLogDir(ctx.env);
      if (target) await logHookFailure(target, named?.name ?? "hook", message);
    } finally {
      await ctx.stdout.write(output ? output + "\n" : "");
    }
    return 0;
  },
};
