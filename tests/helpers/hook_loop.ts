/**
 * Runs the real `hook` command many times in one process (for stress tests, where thousands of
 * process starts would dominate): `hook_loop.ts <repo> <session-prefix> <sessions> <events> <tag>`.
 */
import { hook } from "../../src/commands/hook.ts";
import type { Context, Sink } from "../../src/io/context.ts";

const [repo, prefix, sessionCount, eventCount, tag] = Deno.args as [
  string,
  string,
  string,
  string,
  string,
];
const quiet: Sink = { write: () => Promise.resolve(), close: () => Promise.resolve() };
let printed = "";
const capture: Sink = {
  write: (t) => Promise.resolve(void (printed += t)),
  close: () => Promise.resolve(),
};

for (let i = 0; i < Number(eventCount); i++) {
  const session = `${prefix}${i % Number(sessionCount)}`;
  const payload = JSON.stringify({
    session_id: session,
    cwd: repo,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_use_id: `toolu_${tag}_${i}`,
    tool_input: { file_path: `${repo}/src/${tag}/f${i % 7}.txt`, content: `${tag} ${i}\n` },
  });
  const ctx: Context = {
    cwd: repo,
    env: (name) => Deno.env.get(name),
    stdout: capture,
    stderr: quiet,
    stdin: new Blob([payload]).stream(),
    stdinIsTerminal: false,
    stdoutIsTerminal: false,
    globals: { pager: false },
    now: () => new Date(),
  };
  await hook.run(["claude-code"], ctx);
}
if (printed) throw new Error(`the hook printed: ${printed}`);
