/** Process effects of `git atrace web`: opening a browser and waiting for an interrupt. */

/** Opens `url` with the system's opener (xdg-open, open or start); false when none could run. */
export async function openBrowser(url: string): Promise<boolean> {
  const candidates: [string, string[]][] = Deno.build.os === "windows"
    ? [["cmd", ["/c", "start", "", url]]]
    : Deno.build.os === "darwin"
    ? [["open", [url]]]
    : [["xdg-open", [url]], ["open", [url]]];
  for (const [cmd, args] of candidates) {
    try {
      const child = new Deno.Command(cmd, {
        args,
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
      const status = await child.status;
      if (status.success) return true;
    } catch {
      // Not installed here: try the next opener.
    }
  }
  return false;
}

/** Resolves at the first SIGINT or SIGTERM (SIGINT only on Windows), then stops listening for them. */
export function untilInterrupted(): Promise<void> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  return new Promise((resolve) => {
    const stop = () => {
      for (const signal of signals) Deno.removeSignalListener(signal, stop);
      resolve();
    };
    for (const signal of signals) Deno.addSignalListener(signal, stop);
  });
}
