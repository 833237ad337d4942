/** Gemini CLI's shell tool output for the model, made readable: the `<untrusted_context>` wrapper,
 * the `Output:` label and the bookkeeping lines (PGID, exit code, `(none)` fields) removed. */

const BOOKKEEPING =
  /^(Command|Directory|Exit Code|Signal|Background PIDs|Process Group PGID): .*$|^Error: \(none\)$/;

/** The command's output as a person reads it. */
export function cleanShellOutput(text: string): string {
  const body = text.replace(/^\s*<untrusted_context>\n?/, "").replace(
    /\n?<\/untrusted_context>\s*$/,
    "",
  );
  return body.split("\n").filter((line) => !BOOKKEEPING.test(line)).join("\n")
    .replace(/^Output: (\(empty\))?/, "").trimEnd();
}

/** The exit code Gemini reports in its shell output, if any. */
export function shellExitCode(text: string): number | undefined {
  const code = /^Exit Code: (\d+)$/m.exec(text);
  return code ? Number(code[1]) : undefined;
}
