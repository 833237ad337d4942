/** Errors that `main.ts` turns into git-style messages and exit codes. */

/** A wrong invocation: printed as `usage: …`, exit 129. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A failure git would call fatal (no repository, bad revision, git failed): `fatal: …`, exit 128. */
export class FatalError extends Error {
  override name = "FatalError";
}

/** An ordinary command failure (unknown session, refused input): `error: …`, exit 1. */
export class CommandError extends Error {
  override name = "CommandError";
}

/** An id or prefix that names no session: `error: session not found: '<id>'`, exit 1. */
export class SessionNotFound extends CommandError {
  override name = "SessionNotFound";
  constructor(readonly id: string) {
    super(`session not found: '${id}'`);
  }
}

/** Exit code and stderr text for an error, the way git reports it. */
export function describeError(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: 129, message: `usage: ${err.message}` };
  if (err instanceof FatalError) return { code: 128, message: `fatal: ${err.message}` };
  if (err instanceof CommandError) return { code: 1, message: `error: ${err.message}` };
  const text = err instanceof Error ? err.message : String(err);
  return { code: 128, message: `fatal: ${text}` };
}
