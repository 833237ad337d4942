/** Helpers for the agents' install specs: the hook command and Claude-style hook groups. */
import type { Obj } from "../../core/json.ts";
import type { HookEntry } from "../types.ts";

/** The command agents run; `<agent> <event>` follow it. */
const HOOK_COMMAND = "git-atrace hook";

/** The hook command line for `agent`'s `event`. */
export function hookCommand(agent: string, event: string): string {
  return `${HOOK_COMMAND} ${agent} ${event}`;
}

/** Claude-style entries (`{type:"command", command}` handlers), one per `[event, matcher?]`. */
export function grouped(agent: string, events: [string, string?][], extra: Obj = {}): HookEntry[] {
  return events.map(([event, matcher]) => ({
    event,
    ...(matcher ? { matcher } : {}),
    handler: { type: "command", command: hookCommand(agent, event), ...extra },
  }));
}
