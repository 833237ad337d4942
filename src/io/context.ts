/** The effects a command may use, built once by `main.ts` and replaced in tests. */

/** Something text can be written to. */
export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Global options parsed before the command name. */
export interface GlobalOptions {
  color?: "always" | "never" | "auto";
  pager: boolean;
}

/** What a command is given to do its work. */
export interface Context {
  cwd: string;
  env(name: string): string | undefined;
  stdout: Sink;
  stderr: Sink;
  stdin: ReadableStream<Uint8Array>;
  stdinIsTerminal: boolean;
  stdoutIsTerminal: boolean;
  globals: GlobalOptions;
  now(): Date;
}

/** A subcommand: its help data and its handler (which returns the exit code or throws). */
export interface Command {
  name: string;
  summary: string;
  usage: string[];
  /** Option lines for `-h`, e.g. ["--json", "print JSON"]. */
  options?: [string, string][];
  run(args: string[], ctx: Context): Promise<number>;
}
