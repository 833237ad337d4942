/** Writing many notes at once: one `git fast-import` commit per notes ref (git picks the fan-out),
 * instead of one `git notes add` per commit. */
import { FatalError } from "../../core/errors.ts";
import { git, gitRaw } from "../git.ts";
import { gitCwd, type Repo } from "../repo.ts";

const encoder = new TextEncoder();

/** Sets the note of each commit in `notes` on `ref` (texts are complete notes); one commit on the
 * ref for all. The caller holds the notes lock. */
export async function writeNotes(
  repo: Repo,
  ref: string,
  notes: Map<string, string>,
  message: string,
): Promise<void> {
  if (!notes.size) return;
  const cwd = gitCwd(repo);
  const [ident, tip] = await Promise.all([
    git(["var", "GIT_COMMITTER_IDENT"], { cwd }),
    gitRaw(["rev-parse", "-q", "--verify", `${ref}^{commit}`], { cwd }),
  ]);
  const parts: (string | Uint8Array)[] = [
    `commit ${ref}\n`,
    `committer ${ident.stdout.trim()}\n`,
    data(message),
  ];
  if (tip.code === 0 && tip.stdout.trim()) parts.push(`from ${tip.stdout.trim()}\n`);
  for (const [commit, text] of notes) parts.push(`N inline ${commit}\n`, data(text));
  parts.push("\n");
  const stream = concat(parts);
  const result = await gitRaw(["fast-import", "--quiet"], { cwd, stdin: stream });
  if (result.code !== 0) {
    throw new FatalError(`cannot write notes on ${ref}: ${result.stderr.trim().split("\n")[0]}`);
  }
}

/** A fast-import `data` block: the exact byte count, then the bytes. */
function data(text: string): Uint8Array {
  const bytes = encoder.encode(text);
  return concat([`data ${bytes.length}\n`, bytes, "\n"]);
}

function concat(parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => typeof p === "string" ? encoder.encode(p) : p);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
