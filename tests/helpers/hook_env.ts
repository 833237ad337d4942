/**
 * Runs the real `hook` command once with environment variables set inside the process (`deno run`
 * itself needs a usable HOME, which the installed binary does not):
 * `hook_env.ts '<json of variables>' [hook args…]`, payload on stdin.
 */
import { hook } from "../../src/commands/hook.ts";
import type { Context } from "../../src/io/context.ts";
import { streamSink } from "../../src/io/ui.ts";

const [vars, ...args] = Deno.args;
for (const [name, value] of Object.entries(JSON.parse(vars!) as Record<string, string>)) {
  Deno.env.set(name, value);
}
const ctx: Context = {
  cwd: Deno.cwd(),
  env: (name) => Deno.env.get(name),
  stdout: streamSink(Deno.stdout.writable),
  stderr: streamSink(Deno.stderr.writable),
  stdin: Deno.stdin.readable,
  stdinIsTerminal: Deno.stdin.isTerminal(),
  stdoutIsTerminal: false,
  globals: { pager: false },
  now: () => new Date(),
};
Deno.exit(await hook.run(args, ctx));
