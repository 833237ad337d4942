/**
 * Finds what a client left running after it exited (Cline's hub daemon): the processes whose
 * environment carries this sandbox's recording dir, which only processes started in the sandbox
 * inherit. They are ended by pid, never by name.
 */
import type { Sandbox } from "../sandbox.ts";

/** The pids of live processes started from this sandbox (Linux `/proc`). */
export async function sandboxPids(box: Sandbox): Promise<number[]> {
  const marker = new TextEncoder().encode(`ATRACE_E2E_RECORD=${box.record}\0`);
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      const environ = await Deno.readFile(`/proc/${pid}/environ`);
      if (includes(environ, marker)) pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function includes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** Ends the sandbox's leftover processes (TERM, then KILL after a grace period); returns them. */
export async function killSandboxProcesses(box: Sandbox): Promise<number[]> {
  const pids = await sandboxPids(box);
  const signal = (pid: number, sig: Deno.Signal) => {
    try {
      Deno.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  if (pids.length) await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const pid of await sandboxPids(box)) signal(pid, "SIGKILL");
  return pids;
}
