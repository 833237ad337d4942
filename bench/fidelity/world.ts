/**
 * The fidelity bench's world: a scratch repository, a person who edits and runs git, and agent
 * sessions (Claude Code, Codex) whose tools change files and then call the real hook entry point
 * with the payload shapes the real clients send (tests/fixtures/captures/).
 */
import { join } from "node:path";
import { atraceArgs } from "../lib.ts";
import { HUMAN, Truth, type Writer } from "./truth.ts";

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
  static async create(): Promise<World> {
    const base = await Deno.makeTempDir({ prefix: "atrace-bench-fidelity-" });
    const world = new World(base, join(base, "project"), join(base, "home"));
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

/** One hunk as Claude Code's `structuredPatch` holds it. */
interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** The hunks between two texts, computed by `git diff --no-index` (3 lines of context). */
async function hunks(world: World, before: string, after: string): Promise<PatchHunk[]> {
  const dir = await Deno.makeTempDir({ dir: world.base });
  await Deno.writeTextFile(join(dir, "a"), before);
  await Deno.writeTextFile(join(dir, "b"), after);
  const out = await run(
    "git",
    ["diff", "--no-index", "-U3", "--no-color", "a", "b"],
    dir,
    world.env,
  );
  await Deno.remove(dir, { recursive: true });
  const result: PatchHunk[] = [];
  for (const line of out.stdout.split("\n")) {
    const head = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (head) {
      result.push({
        oldStart: Number(head[1]),
        oldLines: head[2] === undefined ? 1 : Number(head[2]),
        newStart: Number(head[3]),
        newLines: head[4] === undefined ? 1 : Number(head[4]),
        lines: [],
      });
    } else if (result.length && /^[ +-]/.test(line) && !/^(\+\+\+|---) /.test(line)) {
      result.at(-1)!.lines.push(line);
    } else if (result.length && line === "\\ No newline at end of file") continue;
  }
  return result;
}

/** An agent session driven through `git atrace hook <agent>`. */
export abstract class Session {
  private calls = 0;
  constructor(
    readonly world: World,
    readonly id: string,
    readonly agent: "claude-code" | "codex",
  ) {}

  /** The id of the next tool call. */
  protected callId(): string {
    return `${this.agent === "codex" ? "call_" : "toolu_01"}${this.id.slice(0, 6)}${++this.calls}`;
  }

  /** Sends one payload to the hook; the hook must succeed silently. */
  protected async hook(payload: Record<string, unknown>): Promise<void> {
    const out = await this.world.atrace(["hook", this.agent], JSON.stringify(payload));
    if (out.code !== 0 || out.stderr) throw new Error(`hook failed: ${out.code} ${out.stderr}`);
  }

  /** The environment an agent's shell has. */
  abstract shellEnv(): Record<string, string>;
  /** The user's prompt. */
  abstract prompt(text: string): Promise<void>;
  /** Creates `path` with `texts`. */
  abstract create(path: string, texts: string[]): Promise<void>;
  /** Replaces `count` lines at 0-based `at` of `path` with `texts`. */
  abstract edit(path: string, at: number, count: number, texts: string[]): Promise<void>;
  /** Runs a shell command, then reports it; returns what it printed and its exit code. */
  abstract shell(command: string): Promise<Ran>;
  /** The end of the agent's turn. */
  abstract stop(): Promise<void>;

  /** Runs `command` as the agent's shell tool does. */
  protected runShell(command: string): Promise<Ran> {
    return run("sh", ["-c", command], this.world.dir, { ...this.world.env, ...this.shellEnv() });
  }

  /** Applies an edit to the truth and the work tree; returns the texts before and after. */
  protected async apply(path: string, at: number, count: number, texts: string[], who: Writer) {
    const before = this.world.truth.text(path);
    this.world.truth.splice(path, at, count, texts, who);
    await this.world.sync(path);
    return { before, after: this.world.truth.text(path) };
  }

  /** The structured hunks of a change (for payloads). */
  protected hunks(before: string, after: string): Promise<PatchHunk[]> {
    return hunks(this.world, before, after);
  }
}

/** A Claude Code session: Write, Edit and Bash PostToolUse payloads, UserPromptSubmit, Stop. */
export class Claude extends Session {
  private promptId = crypto.randomUUID();
  constructor(world: World, id: string) {
    super(world, id, "claude-code");
  }

  private base(name: string): Record<string, unknown> {
    return {
      session_id: this.id,
      transcript_path: join(
        this.world.home,
        ".claude",
        "projects",
        "-bench-project",
        `${this.id}.jsonl`,
      ),
      cwd: this.world.dir,
      prompt_id: this.promptId,
      permission_mode: "acceptEdits",
      hook_event_name: name,
    };
  }

  shellEnv(): Record<string, string> {
    return {
      CLAUDECODE: "1",
      CLAUDE_CODE_ENTRYPOINT: "sdk-cli",
      CLAUDE_CODE_SESSION_ID: this.id,
      AI_AGENT: "claude-code_2.1.197_agent",
    };
  }

  async prompt(text: string): Promise<void> {
    this.promptId = crypto.randomUUID();
    await this.hook({ ...this.base("UserPromptSubmit"), prompt: text });
  }

  async create(path: string, texts: string[]): Promise<void> {
    await this.apply(path, 0, this.world.truth.lines(path).length, texts, this.id);
    const abs = join(this.world.dir, path);
    const content = this.world.truth.text(path);
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Write",
      tool_input: { file_path: abs, content },
      tool_response: {
        type: "create",
        filePath: abs,
        content,
        structuredPatch: [],
        originalFile: null,
        userModified: false,
      },
      tool_use_id: this.callId(),
      duration_ms: 4,
    });
  }

  async edit(path: string, at: number, count: number, texts: string[]): Promise<void> {
    const old = this.world.truth.lines(path).slice(at, at + count).map((l) => l.text);
    // An insertion names the line before it, as Claude's Edit needs a unique old_string.
    const anchor = count === 0 && at > 0 ? [this.world.truth.lines(path)[at - 1]!.text] : [];
    const { before, after } = await this.apply(path, at, count, texts, this.id);
    const abs = join(this.world.dir, path);
    const oldString = [...anchor, ...old].join("\n");
    const newString = [...anchor, ...texts].join("\n");
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Edit",
      tool_input: {
        file_path: abs,
        old_string: oldString,
        new_string: newString,
        replace_all: false,
      },
      tool_response: {
        filePath: abs,
        oldString,
        newString,
        originalFile: before,
        structuredPatch: await this.hunks(before, after),
        userModified: false,
        replaceAll: false,
      },
      tool_use_id: this.callId(),
      duration_ms: 3,
    });
  }

  async shell(command: string): Promise<Ran> {
    const out = await this.runShell(command);
    // Claude Code reports a failed command as PostToolUseFailure, which its installed hooks do not
    // subscribe to: only successes reach git-atrace.
    if (out.code !== 0) return out;
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Bash",
      tool_input: { command, description: "Run a command" },
      tool_response: {
        stdout: out.stdout.replace(/\n$/, ""),
        stderr: out.stderr.replace(/\n$/, ""),
        interrupted: false,
        isImage: false,
        noOutputExpected: false,
      },
      tool_use_id: this.callId(),
      duration_ms: 40,
    });
    return out;
  }

  async stop(): Promise<void> {
    await this.hook({
      ...this.base("Stop"),
      stop_hook_active: false,
      last_assistant_message: "Done.",
    });
  }
}

/** A Codex session: apply_patch and Bash PostToolUse payloads (classic tools), prompts, Stop. */
export class Codex extends Session {
  private turn = crypto.randomUUID();
  constructor(world: World, id: string) {
    super(world, id, "codex");
  }

  private base(name: string): Record<string, unknown> {
    return {
      session_id: this.id,
      turn_id: this.turn,
      transcript_path: join(this.world.home, ".codex", "sessions", `rollout-${this.id}.jsonl`),
      cwd: this.world.dir,
      hook_event_name: name,
      model: "gpt-5.5",
      permission_mode: "bypassPermissions",
    };
  }

  shellEnv(): Record<string, string> {
    return { CODEX_THREAD_ID: this.id, CODEX_CI: "1" };
  }

  async prompt(text: string): Promise<void> {
    this.turn = crypto.randomUUID();
    await this.hook({ ...this.base("UserPromptSubmit"), prompt: text });
  }

  private async patch(body: string, letter: string, path: string): Promise<void> {
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "apply_patch",
      tool_input: { command: `*** Begin Patch\n${body}*** End Patch\n` },
      tool_response:
        `Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\n${letter} ${path}\n`,
      tool_use_id: this.callId(),
    });
  }

  async create(path: string, texts: string[]): Promise<void> {
    await this.apply(path, 0, this.world.truth.lines(path).length, texts, this.id);
    await this.patch(`*** Add File: ${path}\n${texts.map((t) => `+${t}\n`).join("")}`, "A", path);
  }

  async edit(path: string, at: number, count: number, texts: string[]): Promise<void> {
    const { before, after } = await this.apply(path, at, count, texts, this.id);
    const body = (await this.hunks(before, after)).map((h) =>
      "@@\n" + h.lines.map((l) => l + "\n").join("")
    ).join("");
    await this.patch(`*** Update File: ${path}\n${body}`, "M", path);
  }

  async shell(command: string): Promise<Ran> {
    const out = await this.runShell(command);
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Bash",
      tool_input: { command },
      tool_response: out.stdout + out.stderr,
      tool_use_id: this.callId(),
    });
    return out;
  }

  async stop(): Promise<void> {
    await this.hook({
      ...this.base("Stop"),
      stop_hook_active: false,
      last_assistant_message: "Done.",
    });
  }
}
