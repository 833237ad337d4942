/**
 * Codex runs project hooks only when each is trusted: `[hooks.state."<key>"] trusted_hash = "…"` in
 * `$CODEX_HOME/config.toml`. The key and hash are Codex's own, so we ask Codex: its app-server
 * (JSON-RPC over stdio) answers `hooks/list` with every hook's `key` and `currentHash`.
 */
/** A hook as `hooks/list` reports it. */
export interface CodexHook {
  key: string;
  currentHash: string;
  trustStatus: string;
  command?: string;
}

/** Asks `codex app-server` for the hooks it sees in `cwd`. */
export async function listCodexHooks(
  bin: string,
  cwd: string,
  env: Record<string, string>,
): Promise<CodexHook[]> {
  const child = new Deno.Command(bin, {
    args: ["app-server"],
    cwd,
    env,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  const send = (message: unknown) =>
    writer.write(new TextEncoder().encode(JSON.stringify(message) + "\n"));
  const chunks = child.stdout.pipeThrough(new TextDecoderStream())[Symbol.asyncIterator]();
  let buffered = "";
  const answer = async (id: number): Promise<Record<string, unknown>> => {
    while (true) {
      const end = buffered.indexOf("\n");
      if (end < 0) {
        const chunk = await chunks.next();
        if (chunk.done) throw new Error("app-server closed before answering");
        buffered += chunk.value;
        continue;
      }
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== id) continue;
      if (message.error) throw new Error(`app-server: ${JSON.stringify(message.error)}`);
      return message.result;
    }
  };
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    await send({
      id: 1,
      method: "initialize",
      params: { clientInfo: { name: "git-atrace-e2e", version: "0.0.0" }, capabilities: null },
    });
    await answer(1);
    await send({ method: "initialized" });
    await send({ id: 2, method: "hooks/list", params: { cwds: [cwd] } });
    const result = await answer(2) as { data: { hooks: CodexHook[] }[] };
    return result.data.flatMap((entry) => entry.hooks);
  } finally {
    clearTimeout(timer);
    await writer.close().catch(() => {});
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
  }
}

/** The config.toml lines that trust each hook at its current hash. */
export function trustedHooksToml(hooks: CodexHook[]): string {
  return hooks.map((h) =>
    `[hooks.state.${JSON.stringify(h.key)}]\ntrusted_hash = ${JSON.stringify(h.currentHash)}\n`
  ).join("\n");
}
