/** A throwaway git repository with pinned identity, dates and config, disposed with `await using`. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root of git-atrace itself. */
export const PROJECT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
/** The older synthetic agent fixtures (format-faithful, hand-written; kept for Cursor and legacy formats). */
export const FIXTURES = join(PROJECT, "tests", "fixtures", "synthetic");
/** Payloads and transcripts recorded from the real agent CLIs (see tests/fixtures/captures/README.md). */
export const CAPTURES = join(PROJECT, "tests", "fixtures", "captures");
/** The Agent Trace 0.1.0 record schema. */
export const TRACE_SCHEMA = join(
  PROJECT,
  "tests",
  "fixtures",
  "agent-trace",
  "trace-record.schema.json",
);

/** What a CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one CLI or git run. */
export interface RunOptions {
  cwd?: string;
  stdin?: string;
  env?: Record<string, string>;
}

/** A temporary repository and helpers to drive git and git-atrace in it. */
export interface TempRepo extends AsyncDisposable {
  /** The work tree (or the bare repository's directory). */
  dir: string;
  /** A private HOME and scratch area outside the repository. */
  home: string;
  env: Record<string, string>;
  git(args: string[], opts?: RunOptions): Promise<string>;
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string>;
  /** Writes the files, stages everything and commits with the next fixed date; returns the sha. */
  commit(message: string, files?: Record<string, string>): Promise<string>;
  /** Runs `git-atrace <args>` through main.ts. */
  atrace(args: string[], opts?: RunOptions): Promise<CliResult>;
}

let tick = 0;

/** Makes a repository under a fresh temp dir; `bare` makes a bare one. */
export async function tempRepo(opts: { bare?: boolean; name?: string } = {}): Promise<TempRepo> {
  const base = await Deno.makeTempDir({ prefix: "atrace-test-" });
  const dir = join(base, opts.name ?? "repo");
  const home = join(base, "home");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.mkdir(home, { recursive: true });
  const env = testEnv(home);
  const repo: TempRepo = {
    dir,
    home,
    env,
    git: (args, o = {}) => runGit(args, { ...o, cwd: o.cwd ?? dir, env: { ...env, ...o.env } }),
    write: async (path, text) => {
      await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
      await Deno.writeTextFile(join(dir, path), text);
    },
    read: (path) => Deno.readTextFile(join(dir, path)),
    async commit(message, files = {}) {
      for (const [path, text] of Object.entries(files)) await repo.write(path, text);
      await repo.git(["add", "-A"]);
      const date = `${1_700_000_000 + ++tick * 60} +0000`;
      await repo.git(["commit", "-q", "--allow-empty", "-m", message], {
        env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return (await repo.git(["rev-parse", "HEAD"])).trim();
    },
    atrace: (args, o = {}) => runCli(args, { ...o, cwd: o.cwd ?? dir, env: { ...env, ...o.env } }),
    async [Symbol.asyncDispose]() {
      await Deno.remove(base, { recursive: true }).catch(() => {});
    },
  };
  await runGit(["init", "-q", "-b", "main", ...(opts.bare ? ["--bare"] : [])], { cwd: dir, env });
  return repo;
}

/** An environment that keeps the user's config and terminal out of the test. */
export function testEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Ada Tester",
    GIT_AUTHOR_EMAIL: "ada@example.com",
    GIT_COMMITTER_NAME: "Ada Tester",
    GIT_COMMITTER_EMAIL: "ada@example.com",
    GIT_AUTHOR_DATE: "1700000000 +0000",
    GIT_COMMITTER_DATE: "1700000000 +0000",
    TZ: "UTC",
    LC_ALL: "C",
    NO_COLOR: "",
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    DENO_DIR: Deno.env.get("DENO_DIR") ?? join(Deno.env.get("HOME") ?? "/root", ".cache", "deno"),
  };
}

/** Runs git and returns stdout; throws with stderr on failure. */
export async function runGit(args: string[], opts: RunOptions & { cwd: string }): Promise<string> {
  const out = await spawn("git", args, opts);
  if (out.code !== 0) throw new Error(`git ${args.join(" ")} failed (${out.code}): ${out.stderr}`);
  return out.stdout;
}

/** Runs main.ts with deno, isolated from any deno.json in the working directory. */
export function runCli(args: string[], opts: RunOptions & { cwd: string }): Promise<CliResult> {
  const deno = Deno.execPath();
  const config = join(PROJECT, "deno.json");
  return spawn(deno, [
    "run",
    "-A",
    "--quiet",
    `--config=${config}`,
    join(PROJECT, "main.ts"),
    ...args,
  ], opts);
}

async function spawn(
  cmd: string,
  args: string[],
  opts: RunOptions & { cwd: string },
): Promise<CliResult> {
  const child = new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    env: opts.env ?? {},
    clearEnv: true,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (opts.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(opts.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
