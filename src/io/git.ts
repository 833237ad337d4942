/** The one place that runs git. Every other module asks git through these functions. */
import { FatalError } from "../core/errors.ts";

/** What a git process printed and how it exited. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for one git invocation. */
export interface GitOptions {
  cwd: string;
  stdin?: string | Uint8Array;
  env?: Record<string, string>;
  /** Exit codes that are data, not failure (e.g. 1 for "no such note"). */
  okCodes?: number[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The git processes running now, so that a hook out of time can stop them (see killRunningGit). */
const running = new Set<Deno.ChildProcess>();

/** Kills every git process this process started and is still waiting for (a hook past its budget). */
export function killRunningGit(): void {
  for (const child of running) {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Runs `git <args>` and returns its output; throws FatalError on an unexpected exit code. */
export async function git(args: string[], opts: GitOptions): Promise<GitResult> {
  const result = await gitRaw(args, opts);
  const ok = result.code === 0 || (opts.okCodes ?? []).includes(result.code);
  if (!ok) {
    const detail = result.stderr.trim().replace(/^(fatal|error): /, "");
    throw new FatalError(detail || `git ${args[0]} failed with exit code ${result.code}`);
  }
  return result;
}

/** Runs `git <args>` and returns its output whatever the exit code. */
export async function gitRaw(args: string[], opts: GitOptions): Promise<GitResult> {
  const bytes = await gitBytes(args, opts);
  return { code: bytes.code, stdout: decoder.decode(bytes.stdout), stderr: bytes.stderr };
}

/** Runs git and returns stdout as bytes (for blobs and `cat-file --batch`). */
export async function gitBytes(
  args: string[],
  opts: GitOptions,
): Promise<{ code: number; stdout: Uint8Array; stderr: string }> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("git", {
      args,
      cwd: opts.cwd,
      stdin: opts.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      env: { GIT_TERMINAL_PROMPT: "0", ...opts.env },
    }).spawn();
  } catch (err) {
    throw new FatalError(`cannot run git: ${err instanceof Error ? err.message : String(err)}`);
  }
  running.add(child);
  try {
    // Read while writing: git answers `cat-file --batch` as it reads, and a full pipe would deadlock.
    const output = child.output();
    if (opts.stdin !== undefined) {
      const writer = child.stdin.getWriter();
      const data = typeof opts.stdin === "string" ? encoder.encode(opts.stdin) : opts.stdin;
      await writer.write(data).catch(() => {});
      await writer.close().catch(() => {});
    }
    const out = await output;
    return { code: out.code, stdout: out.stdout, stderr: decoder.decode(out.stderr) };
  } finally {
    running.delete(child);
  }
}

/** Splits NUL-separated git output, dropping the trailing empty field. */
export function splitNul(text: string): string[] {
  const parts = text.split("\0");
  if (parts.at(-1) === "") parts.pop();
  return parts;
}

/** Splits newline-separated git output into non-empty lines. */
export function splitLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}
