/** Running another program (an agent's CLI) for its output, within a time limit. */

/** `cmd args…`'s stdout when it exits 0 within `timeoutMs`, else null (missing program included). */
export async function programOutput(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<string | null> {
  try {
    const child = new Deno.Command(cmd, {
      args,
      stdin: "null",
      stdout: "piped",
      stderr: "null",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const out = await child.output();
    return out.success ? new TextDecoder().decode(out.stdout) : null;
  } catch {
    return null;
  }
}
