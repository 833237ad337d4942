/** Replaying the real agents' captures (tests/fixtures/captures) in a temp repository and HOME. */
import { dirname, join, relative } from "node:path";
import { CAPTURES, type TempRepo } from "./temp_repo.ts";

/** The repository and HOME every capture was recorded in. */
const CAPTURED_REPO = "/home/dev/project";
const CAPTURED_HOME = "/home/dev";

/** `text` with the captured repository and HOME re-pointed at the temp repository's. */
export function repoint(repo: TempRepo, text: string): string {
  return text.replaceAll(CAPTURED_REPO, repo.dir).replaceAll(CAPTURED_HOME, repo.home);
}

/** A captured payload (`<folder>/<file>`), re-pointed at the temp repository. */
export async function payload(repo: TempRepo, folder: string, file: string): Promise<string> {
  return repoint(repo, await Deno.readTextFile(join(CAPTURES, folder, file)));
}

/** Copies the client's files (`<folder>/home/**`) into the temp HOME, re-pointed; returns their paths. */
export async function installHome(repo: TempRepo, folder: string): Promise<string[]> {
  const root = join(CAPTURES, folder, "home");
  const written: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) {
        const dest = join(repo.home, relative(root, path));
        await Deno.mkdir(dirname(dest), { recursive: true });
        await Deno.writeTextFile(dest, repoint(repo, await Deno.readTextFile(path)));
        written.push(dest);
      }
    }
  };
  await walk(root);
  return written;
}

/** Runs the hook with a captured payload; the hook must exit 0 with exactly `stdout` and no stderr.
 * `replace` maps captured text (such as a commit's short sha) to the temp repository's. */
export async function hook(
  repo: TempRepo,
  folder: string,
  file: string,
  opts: { args?: string[]; stdout?: string; replace?: Record<string, string> } = {},
): Promise<void> {
  let text = await payload(repo, folder, file);
  for (const [from, to] of Object.entries(opts.replace ?? {})) text = text.replaceAll(from, to);
  const result = await repo.atrace(["hook", ...(opts.args ?? [])], { stdin: text });
  const expected = opts.stdout ? `${opts.stdout}\n` : "";
  if (result.code !== 0 || result.stdout !== expected || result.stderr !== "") {
    throw new Error(`hook ${folder}/${file} misbehaved: ${JSON.stringify(result)}`);
  }
}

/** The store's events of a session (whichever file name the store uses for them). */
export async function storedEvents(repo: TempRepo, id: string): Promise<Record<string, unknown>[]> {
  const dir = join(repo.dir, ".git", "trace", "sessions");
  for (const ext of [".events", ".events.jsonl"]) {
    const text = await Deno.readTextFile(join(dir, id + ext)).catch(() => null);
    if (text !== null) return text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  }
  return [];
}

/** The short sha git printed in a captured commit's output, replaced by the real one. */
export async function shortHead(repo: TempRepo): Promise<string> {
  return (await repo.git(["rev-parse", "--short=7", "HEAD"])).trim();
}

/** Writes `content` to `path` (absolute), or replaces `old` by `new` in it, as an agent's tool did. */
export async function applyEdit(
  path: string,
  edit: { content: string } | { old: string; new: string },
): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  if ("content" in edit) return await Deno.writeTextFile(path, edit.content);
  const text = await Deno.readTextFile(path);
  if (!text.includes(edit.old)) throw new Error(`'${edit.old}' is not in ${path}`);
  await Deno.writeTextFile(path, text.replace(edit.old, edit.new));
}

/** Commits everything now (as the agent's shell did) and returns the short sha git printed. */
export async function agentCommit(repo: TempRepo, message: string): Promise<string> {
  // The agent commits now: the temp repository pins old dates, and the reflog would keep them.
  const now = `${Math.floor(Date.now() / 1000)} +0000`;
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-m", message], {
    env: { GIT_COMMITTER_DATE: now, GIT_AUTHOR_DATE: now },
  });
  return await shortHead(repo);
}
