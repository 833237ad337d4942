/** `git atrace hook [<agent>] [<event>]`: the entry point agents call. Silent, fast, always exit 0. */
import { adapterByName, detectAdapter } from "../agents/registry.ts";
import { obj, tryParse } from "../core/json.ts";
import { followCommits } from "../io/autolink.ts";
import { capture } from "../io/capture.ts";
import type { WriteBudget } from "../io/session_write.ts";
import type { Command, Context } from "../io/context.ts";
import { RunClock } from "../io/budget.ts";
import { killRunningGit } from "../io/git.ts";
import { logHookFailure, userLogDir } from "../io/hook_log.ts";
import { findRepo } from "../io/repo.ts";
import { type Deadlines, readLimited } from "../io/input.ts";
import { rescueEvent } from "../io/rescue.ts";

const MAX_PAYLOAD = 32 * 1024 * 1024;

/**
 * The hook's budget in ms of its run clock (agents wait for hooks; the rule is 2 s, whatever stdin,
 * HOME, the store or git do): stop reading the payload (one over the size limit is drained, up
 * to twice the limit, while the agent writes it), stop waiting for the session's lock (the
 * event is spooled), stop copying the transcript (the next hook resumes), and give up on anything
 * still running (git is killed; the event is spooled when it was on its way to the store). The
 * clock counts only time the process could run (see RunClock), so that a starved hook is slow
 * rather than lossy.
 */
const BUDGET = { payload: 1300, drain: 8000, lock: 1200, copy: 1350, exit: 1650 };

/**
 * How many times slower than idle the machine runs now: its run queue per core (1 when idle, at
 * most 8). On a loaded machine the agent writes its payload late and git answers late while this
 * process idles (which its run clock counts): the waits for those stretch by it. The wait for the
 * lock does not (the event is spooled at its end, losing nothing).
 */
function slowness(): number {
  try {
    const load = (Deno.loadavg()[0] ?? 0) / (navigator.hardwareConcurrency || 1);
    return Math.min(8, Math.max(1, load));
  } catch {
    return 1;
  }
}

/** What one hook run found out, for reporting a failure or a timeout. */
interface HookState {
  output: string;
  payloadCwd?: string | undefined;
  session: string;
  /** True once the payload's time was up (what came by then is all there is). */
  payloadLate: boolean;
}

/** The hook command (also reached as git-atrace-hook and git-atrace-commit-hook). */
export const hook: Command = {
  name: "hook",
  summary: "hook entry point for agents (reads the agent's JSON payload on stdin)",
  usage: ["hook [<agent>] [<event>] [<json payload>]"],
  async run(args, ctx) {
    const clock = new RunClock();
    const named = args[0] ? adapterByName(args[0]) : undefined;
    const state: HookState = { output: named?.hookOutput ?? "", session: "", payloadLate: false };
    const scale = slowness();
    const budget: WriteBudget = {
      lock: clock.deadline(BUDGET.lock),
      copy: clock.deadline(BUDGET.copy * scale),
    };
    const payloadLate = {
      read: clock.reached(BUDGET.payload * scale).then(() => (state.payloadLate = true)),
      drain: clock.reached(BUDGET.drain),
    };
    const outcome = await readPayload(args, ctx, payloadLate).then(
      (text) => {
        // A payload drained past the limit is ignored at once; the budget runs on for the rest.
        const expired = clock.reached(Math.max(BUDGET.exit * scale, clock.spent() + 100));
        return Promise.race([
          handle(text, args, ctx, state, budget).then(() => "done" as const),
          expired.then(() => "expired" as const),
        ]);
      },
    ).catch((err: unknown) => err);
    clock.stop();
    if (outcome === "expired") {
      killRunningGit();
      // The event is spooled if it was on its way into the store (never dropped).
      const rescued = budget.rescue ? await budget.rescue().then(() => true, () => false) : false;
      const ms = Math.round(clock.spent());
      const what = rescued ? "; its event was spooled" : "";
      await report(ctx, named?.name, state, new Error(`gave up after ${ms} ms${what}`));
    } else if (outcome !== "done") {
      await report(ctx, named?.name, state, outcome);
    }
    await ctx.stdout.write(state.output ? state.output + "\n" : "");
    return 0;
  },
};

/** The payload's text: standard input, else (Codex's `notify`) the last argument. */
async function readPayload(args: string[], ctx: Context, late: Deadlines): Promise<string> {
  const stdin = ctx.stdinIsTerminal ? "" : await readLimited(ctx.stdin, MAX_PAYLOAD, late);
  // Codex's `notify` passes its JSON as the last argument instead of on stdin.
  const text = stdin?.trim() === "" && args.at(-1)?.startsWith("{") ? args.at(-1)! : stdin;
  if (text === null) throw new Error(`payload larger than ${MAX_PAYLOAD} bytes ignored`);
  return text;
}

async function handle(
  text: string,
  args: string[],
  ctx: Context,
  state: HookState,
  budget: WriteBudget,
): Promise<void> {
  const named = args[0] ? adapterByName(args[0]) : undefined;
  const payload = obj(tryParse(text));
  if (!payload) {
    if (state.payloadLate) throw new Error("no complete payload within the hook's time");
    if (text.trim()) throw new Error("payload is not a JSON object");
    return;
  }
  state.payloadCwd = typeof payload.cwd === "string" ? payload.cwd : undefined;
  state.session = String(
    payload.session_id ?? payload.sessionId ?? payload.conversation_id ?? payload.taskId ?? "",
  );
  const adapter = named ?? detectAdapter(payload);
  state.output = adapter.hookOutput;
  const event = adapter.toEvent(payload, ctx.now(), args[1]);
  if (event) budget.rescue = () => rescueEvent(event, ctx.cwd).then(() => {});
  // A payload may belong to another agent than its shape says (oh-my-opencode's Claude-style hooks).
  const owner = event && event.agent !== adapter.name ? adapterByName(event.agent) : adapter;
  const captured = event ? await capture(event, owner ?? adapter, ctx.cwd, budget) : null;
  if (captured) await followCommits(captured);
}

/** Logs a failure to the repository's trace log (else the user's); never throws, never prints. */
async function report(ctx: Context, agent: string | undefined, state: HookState, err: unknown) {
  const message = (state.session ? `session '${state.session}': ` : "") +
    (err instanceof Error ? err.message : String(err));
  const repo = await Promise.race([
    findRepo(state.payloadCwd ?? ctx.cwd).catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000)),
  ]);
  killRunningGit();
  const target = repo ?? userLogDir(ctx.env);
  if (target) await logHookFailure(target, agent ?? "hook", message);
}
