/** Builds Claude Code transcript lines and hook payloads for the demo, as Claude Code writes them. */
import type { Hunk } from "./model.ts";

const MODEL = "claude-sonnet-4-6";
const VERSION = "2.1.197";

/** Transcript lines and hook payloads for one session, with ids and clock supplied by the caller. */
export class ClaudeReplay {
  #parent: string | null = null;
  #tick = 0;
  constructor(
    readonly sessionId: string,
    readonly cwd: string,
    readonly transcriptPath: string,
    readonly start: Date,
    readonly newId: () => string,
  ) {}

  #time(): string {
    return new Date(this.start.getTime() + 1500 * this.#tick++).toISOString();
  }

  #line(type: "user" | "assistant", message: unknown, extra: Record<string, unknown> = {}) {
    const uuid = this.newId();
    const line = {
      parentUuid: this.#parent,
      isSidechain: false,
      userType: "external",
      cwd: this.cwd,
      sessionId: this.sessionId,
      version: VERSION,
      gitBranch: "main",
      entrypoint: "cli",
      type,
      message,
      uuid,
      timestamp: this.#time(),
      ...extra,
    };
    this.#parent = uuid;
    return line;
  }

  #base(event: string) {
    return {
      session_id: this.sessionId,
      transcript_path: this.transcriptPath,
      cwd: this.cwd,
      permission_mode: "acceptEdits",
      hook_event_name: event,
    };
  }

  /** A user prompt: its transcript line and the UserPromptSubmit payload. */
  prompt(text: string) {
    return {
      lines: [this.#line("user", { role: "user", content: text })],
      payload: { ...this.#base("UserPromptSubmit"), prompt: text },
    };
  }

  /** Assistant text. */
  say(text: string) {
    return [this.#assistant([{ type: "text", text }])];
  }

  #assistant(content: unknown[]) {
    return this.#line("assistant", {
      model: MODEL,
      id: `msg_${this.newId().replaceAll("-", "").slice(0, 24)}`,
      type: "message",
      role: "assistant",
      content,
      stop_reason: null,
    });
  }

  /** A tool call, its result line and the PostToolUse payload. */
  tool(
    name: string,
    input: Record<string, unknown>,
    response: Record<string, unknown>,
    resultText: string,
  ) {
    const id = `toolu_${this.newId().replaceAll("-", "").slice(0, 24)}`;
    const use = this.#assistant([{ type: "tool_use", id, name, input }]);
    const result = this.#line("user", {
      role: "user",
      content: [{ tool_use_id: id, type: "tool_result", content: resultText }],
    }, { toolUseResult: response });
    return {
      lines: [use, result],
      payload: {
        ...this.#base("PostToolUse"),
        tool_name: name,
        tool_input: input,
        tool_response: response,
        tool_use_id: id,
      },
    };
  }

  /** The Stop payload. */
  stop(lastMessage: string) {
    return { ...this.#base("Stop"), stop_hook_active: false, last_assistant_message: lastMessage };
  }

  /** An Edit/Write tool_response with Claude Code's `structuredPatch`. */
  static fileResponse(path: string, before: string | null, after: string, patch: Hunk[]) {
    return {
      type: before === null ? "create" : "update",
      filePath: path,
      content: after,
      originalFile: before,
      structuredPatch: patch,
    };
  }
}
