/**
 * The fidelity bench's world: a scratch repository, its private HOME, the ground truth of its scored
 * files, and a person who edits them and runs git (the agents are in agents.ts).
 */
import { join } from "node:path";
import { atraceArgs } from "../lib.ts";
import { HUMAN, Truth } from "./truth.ts";

/** The output of one process. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` in `cwd` with exactly `env`. */
export async function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  stdin?: string,
): Promise<Ran> {
  const child = new Deno.Command(cmd, {
    args,
    cwd,
    env,
    clearEnv: true,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** A scratch repository with its private HOME, and the truth of its scored files. */
export class World {
  readonly truth = new Truth();
  readonly env: Record<string, string>;

  private constructor(readonly base: string, readonly dir: string, readonly home: string) {
    this.env = {
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "Pat Person",
      GIT_AUTHOR_EMAIL: "pat@example.com",
      GIT_COMMITTER_NAME: "Pat Person",
      GIT_COMMITTER_EMAIL: "pat@example.com",
      TZ: "UTC",
      LC_ALL: "C",
      NO_COLOR: "1",
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      DENO_DIR: Deno.env.get("DENO_DIR") ??
        join(Deno.env.get("HOME") ?? "/root", ".cache", "deno"),
    };
  }

  /** A new repository under a temp dir. */
  static async create(opts: { pinnedClock?: boolean } = {}): Promise<World> {
    const base = await Deno.makeTempDir({ prefix: "atrace-bench-fidelity-" });
    const world = new World(base, join(base, "project"), join(base, "home"));
    if (opts.pinnedClock) {
      // As scripted histories and tests often do: every commit (and reflog entry) at one old date.
      world.env.GIT_AUTHOR_DATE = world.env.GIT_COMMITTER_DATE = "1700000000 +0000";
    }
    await Deno.mkdir(world.dir, { recursive: true });
    await Deno.mkdir(world.home, { recursive: true });
    await world.git("init", "-q", "-b", "main");
    return world;
  }

  /** Runs git as the person; throws on failure. */
  async git(...args: string[]): Promise<string> {
    return (await this.gitWith({}, ...args)).stdout;
  }

  /** Runs git with extra environment; throws on failure. */
  async gitWith(env: Record<string, string>, ...args: string[]): Promise<Ran> {
    const out = await run("git", args, this.dir, { ...this.env, ...env });
    if (out.code !== 0) throw new Error(`git ${args.join(" ")}: ${out.stderr}`);
    return out;
  }

  /** Runs git with extra environment; returns its output whatever its exit code. */
  gitTry(env: Record<string, string>, ...args: string[]): Promise<Ran> {
    return run("git", args, this.dir, { ...this.env, ...env });
  }

  /** Runs git-atrace from this checkout. */
  atrace(args: string[], stdin?: string): Promise<Ran> {
    const [cmd, argv] = atraceArgs(args);
    return run(cmd, argv, this.dir, this.env, stdin);
  }

  /** Writes the truth's text of `path` to the work tree. */
  async sync(path: string): Promise<void> {
    const abs = join(this.dir, path);
    await Deno.mkdir(join(abs, ".."), { recursive: true });
    await Deno.writeTextFile(abs, this.truth.text(path));
  }

  /** A person's change: splice lines, write the file. */
  async personSplice(path: string, at: number, count: number, texts: string[]): Promise<void> {
    this.truth.splice(path, at, count, texts, HUMAN);
    await this.sync(path);
  }

  /** Removes the scratch directory. */
  async dispose(): Promise<void> {
    await Deno.remove(this.base, { recursive: true }).catch(() => {});
  }
}
