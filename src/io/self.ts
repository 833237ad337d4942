/** How to run this very git-atrace again (compiled binary, installed bundle, or main.ts under deno). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The argv that runs git-atrace with `args`, in whichever form this process is. */
export function selfCommand(args: string[]): string[] {
  if (Deno.build.standalone) return [Deno.execPath(), ...args];
  // An installed bundle: this module is a chunk in <copy>/lib/, beside the copy's runner.
  if (import.meta.url.endsWith(".js")) {
    const runner = Deno.build.os === "windows" ? "../git-atrace.cmd" : "../git-atrace";
    return [fileURLToPath(new URL(runner, import.meta.url)), ...args];
  }
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  const config = join(dirname(main), "deno.json");
  return [Deno.execPath(), "run", "-A", "--quiet", `--config=${config}`, main, ...args];
}

/** Runs git-atrace with `args`, feeding `stdin`; returns the exit code and output. */
export async function runSelf(
  args: string[],
  stdin: string,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [cmd, ...rest] = selfCommand(args);
  const child = new Deno.Command(cmd!, {
    args: rest,
    cwd,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  // A child that exits without reading its input must not turn into a broken-pipe error here.
  await writer.write(new TextEncoder().encode(stdin)).catch(() => {});
  await writer.close().catch(() => {});
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
