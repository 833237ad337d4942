/** Dates as git reads them (`2026-01-31`, `2 weeks ago`, `yesterday`…). */
import { UsageError } from "../../core/errors.ts";
import { git } from "../git.ts";
import { gitCwd, type Repo } from "../repo.ts";

/** Epoch milliseconds of a date git understands; a usage error otherwise. */
export async function parseSince(repo: Repo, text: string): Promise<number> {
  const result = await git(["rev-parse", `--since=${text}`], { cwd: gitCwd(repo) });
  const match = /^--max-age=(\d+)$/m.exec(result.stdout);
  // git reads anything as a date, falling back to now: a date must hold a digit or a word git knows.
  if (!match || !/\d|ago|yesterday|today|now|noon|midnight|tea|last/i.test(text)) {
    throw new UsageError(`invalid date '${text}'`, { cause: "backfill" });
  }
  return Number(match[1]) * 1000;
}
