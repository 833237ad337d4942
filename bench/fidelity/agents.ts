/**
 * The fidelity bench's agents: sessions whose tools change files and run shell commands, then call
 * the real hook entry point (`git atrace hook <agent> <event>`) with the payload shapes the real
 * clients send (tests/fixtures/captures/): Claude Code, Codex (classic and code mode), Gemini CLI.
 */
import { join } from "node:path";
import type { Writer } from "./truth.ts";
import { type Ran, run, type World } from "./world.ts";

/** One hunk as Claude Code's `structuredPatch` holds it. */
interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** The hunks between two texts, computed by `git diff --no-index` (3 lines of context). */
async function hunks(
  world: World,
  before: string,
  after: string,
  context = 3,
): Promise<PatchHunk[]> {
  const dir = await Deno.makeTempDir({ dir: world.base });
  await Deno.writeTextFile(join(dir, "a"), before);
  await Deno.writeTextFile(join(dir, "b"), after);
  const out = await run(
    "git",
    ["diff", "--no-index", `-U${context}`, "--no-color", "a", "b"],
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

/** The unified diff text of two versions of `path` (Gemini's `fileDiff`). */
async function fileDiff(world: World, path: string, before: string, after: string) {
  const name = path.split("/").at(-1)!;
  const body = (await hunks(world, before, after)).map((h) =>
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n` +
    h.lines.map((l) => l + "\n").join("")
  ).join("");
  return `Index: ${name}\n${"=".repeat(67)}\n--- ${name}\tCurrent\n+++ ${name}\tProposed\n${body}`;
}

/** An agent session driven through `git atrace hook <agent> <event>`. */
export abstract class Session {
  private calls = 0;
  constructor(
    readonly world: World,
    readonly id: string,
    readonly agent: "claude-code" | "codex" | "gemini-cli",
  ) {}

  /** The number of the next tool call. */
  protected nextCall(): number {
    return ++this.calls;
  }

  /** The id of the next tool call. */
  protected callId(): string {
    return `${this.agent === "codex" ? "call_" : "toolu_01"}${
      this.id.slice(0, 6)
    }${this.nextCall()}`;
  }

  /** Sends one payload to the hook; the hook must succeed silently. */
  protected async hook(payload: Record<string, unknown>): Promise<void> {
    const event = String(payload.hook_event_name);
    const out = await this.world.atrace(["hook", this.agent, event], JSON.stringify(payload));
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

  /** The old and new text of an edit, as a search/replace tool sends them. */
  protected searchReplace(path: string, at: number, count: number, texts: string[]) {
    const lines = this.world.truth.lines(path);
    const old = lines.slice(at, at + count).map((l) => l.text);
    // An insertion names the line before it, as such a tool needs a unique old string.
    const anchor = count === 0 && at > 0 ? [lines[at - 1]!.text] : [];
    return {
      oldString: [...anchor, ...old].join("\n"),
      newString: [...anchor, ...texts].join("\n"),
    };
  }
}

/** A Claude Code session: Write, Edit and Bash PostToolUse (PostToolUseFailure), prompts, Stop. */
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
      effort: { level: "high" },
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

  /**
   * Writes `texts` over the existing `path` (Write, `type: "update"`): the lines it changes or adds
   * are the session's, those it keeps stay their writers'.
   */
  async rewrite(path: string, texts: string[]): Promise<void> {
    const before = this.world.truth.text(path);
    const after = texts.map((t) => t + "\n").join("");
    for (const h of (await hunks(this.world, before, after, 0)).reverse()) {
      const added = h.lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1));
      const at = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
      this.world.truth.splice(path, at, h.oldLines, added, this.id);
    }
    await this.world.sync(path);
    if (this.world.truth.text(path) !== after) throw new Error(`rewrite of ${path} went wrong`);
    const abs = join(this.world.dir, path);
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Write",
      tool_input: { file_path: abs, content: after },
      tool_response: {
        type: "update",
        filePath: abs,
        content: after,
        structuredPatch: await this.hunks(before, after),
        originalFile: before,
        userModified: false,
      },
      tool_use_id: this.callId(),
      duration_ms: 5,
    });
  }

  async edit(path: string, at: number, count: number, texts: string[]): Promise<void> {
    const { oldString, newString } = this.searchReplace(path, at, count, texts);
    const { before, after } = await this.apply(path, at, count, texts, this.id);
    const abs = join(this.world.dir, path);
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
    const started = performance.now();
    const out = await this.runShell(command);
    const duration = Math.round(performance.now() - started);
    const input = { command, description: "Run a command" };
    if (out.code !== 0) {
      // Claude Code reports a failed command as PostToolUseFailure, with no structured exit code.
      await this.hook({
        ...this.base("PostToolUseFailure"),
        tool_name: "Bash",
        tool_input: input,
        tool_use_id: this.callId(),
        error: `Exit code ${out.code}\n${(out.stdout + out.stderr).trimEnd()}`,
        is_interrupt: false,
        duration_ms: duration,
      });
      return out;
    }
    await this.hook({
      ...this.base("PostToolUse"),
      tool_name: "Bash",
      tool_input: input,
      tool_response: {
        stdout: out.stdout.replace(/\n$/, ""),
        stderr: out.stderr.replace(/\n$/, ""),
        interrupted: false,
        isImage: false,
        noOutputExpected: false,
      },
      tool_use_id: this.callId(),
      duration_ms: duration,
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

/**
 * A Codex session: apply_patch and Bash PostToolUse payloads, prompts, Stop. In code mode (one
 * `exec` tool whose script calls the tools) the hooks' tool-call ids are `exec-<uuid>`.
 */
export class Codex extends Session {
  private turn = crypto.randomUUID();
  constructor(world: World, id: string, readonly mode: "classic" | "code" = "classic") {
    super(world, id, "codex");
  }

  protected override callId(): string {
    return this.mode === "code" ? `exec-${crypto.randomUUID()}` : super.callId();
  }

  private base(name: string): Record<string, unknown> {
    return {
      session_id: this.id,
      turn_id: this.turn,
      transcript_path: join(this.world.home, ".codex", "sessions", `rollout-${this.id}.jsonl`),
      cwd: this.world.dir,
      hook_event_name: name,
      model: this.mode === "code" ? "gpt-6.2-sol" : "gpt-5.5",
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
    // The Bash hook carries only the output: no exit code, no duration.
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

/**
 * A Gemini CLI session: write_file, replace and run_shell_command AfterTool payloads (no tool-call
 * ids), BeforeAgent, AfterAgent. Its shell switches git hooks off (`core.hooksPath` emptied).
 */
export class Gemini extends Session {
  private lastPrompt = "";
  constructor(world: World, id: string) {
    super(world, id, "gemini-cli");
  }

  private base(name: string): Record<string, unknown> {
    const day = new Date().toISOString().slice(0, 16).replace(":", "-");
    return {
      session_id: this.id,
      transcript_path: join(
        this.world.home,
        ".gemini",
        "tmp",
        "project",
        "chats",
        `session-${day}-${this.id.slice(0, 8)}.jsonl`,
      ),
      cwd: this.world.dir,
      hook_event_name: name,
      timestamp: new Date().toISOString(),
    };
  }

  shellEnv(): Record<string, string> {
    return {
      GEMINI_CLI: "1",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "core.hooksPath",
      GIT_CONFIG_VALUE_0: "",
    };
  }

  async prompt(text: string): Promise<void> {
    this.lastPrompt = text;
    await this.hook({ ...this.base("BeforeAgent"), prompt: text });
  }

  async create(path: string, texts: string[]): Promise<void> {
    const { before, after } = await this.apply(
      path,
      0,
      this.world.truth.lines(path).length,
      texts,
      this.id,
    );
    const abs = join(this.world.dir, path);
    await this.afterTool("write_file", { file_path: abs, content: after }, {
      llmContent: `Successfully created and wrote to new file: ${abs}.`,
      returnDisplay: await this.display(path, before, after, before === ""),
    });
  }

  async edit(path: string, at: number, count: number, texts: string[]): Promise<void> {
    const { oldString, newString } = this.searchReplace(path, at, count, texts);
    const { before, after } = await this.apply(path, at, count, texts, this.id);
    const abs = join(this.world.dir, path);
    await this.afterTool("replace", {
      file_path: abs,
      instruction: "Apply the change",
      old_string: oldString,
      new_string: newString,
    }, {
      llmContent: `Successfully modified file: ${abs} (1 replacements).`,
      returnDisplay: await this.display(path, before, after, false),
    });
  }

  private async display(path: string, before: string, after: string, isNewFile: boolean) {
    const lines = (t: string) => t ? t.split("\n").length - 1 : 0;
    return {
      fileDiff: await fileDiff(this.world, path, before, after),
      fileName: path.split("/").at(-1),
      filePath: join(this.world.dir, path),
      originalContent: before,
      newContent: after,
      diffStat: {
        model_added_lines: Math.max(0, lines(after) - lines(before)),
        model_removed_lines: Math.max(0, lines(before) - lines(after)),
        model_added_chars: after.length,
        model_removed_chars: before.length,
        user_added_lines: 0,
        user_removed_lines: 0,
        user_added_chars: 0,
        user_removed_chars: 0,
      },
      isNewFile,
      isBuildFile: false,
    };
  }

  private async afterTool(tool: string, input: unknown, response: unknown): Promise<void> {
    this.nextCall();
    await this.hook({
      ...this.base("AfterTool"),
      tool_name: tool,
      tool_input: input,
      tool_response: response,
    });
  }

  async shell(command: string): Promise<Ran> {
    const out = await this.runShell(command);
    const output = (out.stdout + out.stderr).trimEnd();
    const code = out.code === 0 ? "" : `Exit Code: ${out.code}\n`;
    await this.afterTool("run_shell_command", { command, description: "Run a command" }, {
      llmContent: `<untrusted_context>\nOutput: ${output || "(empty)"}\n${code}` +
        `Process Group PGID: ${20000 + this.nextCall()}\n</untrusted_context>`,
      returnDisplay: output,
    });
    return out;
  }

  async stop(): Promise<void> {
    await this.hook({
      ...this.base("AfterAgent"),
      prompt: this.lastPrompt,
      prompt_response: "Done.",
      stop_hook_active: false,
    });
  }
}
