/** Reading and writing session links on `refs/notes/atrace`: one full session id per line. */
import { join } from "node:path";
import {
  type AgentTraceRecord,
  parseRecords,
  recordSession,
  serializeRecords,
} from "../core/agent_trace.ts";
import { isValidSessionId } from "../core/session_id.ts";
import { ensurePrivateDir } from "./fs.ts";
import { withLock } from "./lock.ts";
import { git, gitBytes, splitLines } from "./git.ts";
import { commitIdentity } from "./identity.ts";
import { gitCwd, type Repo, traceDir } from "./repo.ts";

/** The notes ref holding commit → session links. */
export const LINKS_REF = "refs/notes/atrace";
/** The notes ref holding Agent Trace records (one JSON object per line) per commit. */
export const RANGES_REF = "refs/notes/atrace-ranges";
/** Both notes refs git-atrace writes. */
export const NOTES_REFS = [LINKS_REF, RANGES_REF];

/**
 * The notes on `ref` (of the commits in `only`, when given): commit sha → note text, read with one
 * `notes list` and one `cat-file --batch`.
 */
export async function readNotes(
  repo: Repo,
  ref = LINKS_REF,
  only?: string[],
): Promise<Map<string, string>> {
  const cwd = gitCwd(repo);
  const listed = await git(["notes", `--ref=${ref}`, "list"], { cwd, okCodes: [1] });
  const wanted = only ? new Set(only) : null;
  const pairs = splitLines(listed.stdout).map((line) => line.split(" ") as [string, string])
    .filter(([, commit]) => !wanted || wanted.has(commit));
  const notes = new Map<string, string>();
  if (!pairs.length) return notes;
  const blobs = await catFileBatch(cwd, pairs.map(([blob]) => blob));
  for (const [blob, commit] of pairs) notes.set(commit, blobs.get(blob) ?? "");
  return notes;
}

/** Session ids per commit from `refs/notes/atrace` (whole lines, no blanks, no duplicates). */
export async function readLinks(repo: Repo): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  for (const [commit, text] of await readNotes(repo)) links.set(commit, parseLinkNote(text));
  return links;
}

/** The session ids in one note's text. */
export function parseLinkNote(text: string): string[] {
  return [...new Set(text.split("\n").map((l) => l.trim()).filter(isValidSessionId))];
}

/** The text of a link note holding `ids` ("" removes the note). */
export function linkNoteText(ids: string[]): string {
  return ids.length ? ids.join("\n") + "\n" : "";
}

/** Contents of many objects by id, via one `git cat-file --batch`. */
export async function catFileBatch(cwd: string, ids: string[]): Promise<Map<string, string>> {
  const out = await gitBytes(["cat-file", "--batch"], { cwd, stdin: ids.join("\n") + "\n" });
  const decoder = new TextDecoder();
  const result = new Map<string, string>();
  const data = out.stdout;
  let pos = 0;
  for (const id of ids) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) break;
    const header = decoder.decode(data.subarray(pos, nl)).split(" ");
    pos = nl + 1;
    if (header[1] === "missing" || header.length < 3) continue;
    const size = Number(header[2]);
    result.set(id, decoder.decode(data.subarray(pos, pos + size)));
    pos += size + 1;
  }
  return result;
}

/** Serializes note writes of this repository (git notes itself does not retry a locked ref) with a kernel lock. */
export async function withNotesLock<T>(repo: Repo, fn: () => Promise<T>): Promise<T> {
  await ensurePrivateDir(traceDir(repo));
  return await withLock(join(traceDir(repo), "notes.lock"), fn);
}

/** Replaces the note of `commit` on `ref` with `text` (removing it when `text` is empty). */
export async function writeNote(repo: Repo, commit: string, text: string, ref = LINKS_REF) {
  const cwd = gitCwd(repo);
  const env = await commitIdentity(cwd);
  if (text.trim() === "") {
    await git(["notes", `--ref=${ref}`, "remove", "--ignore-missing", commit], { cwd, env });
  } else {
    await git(["notes", `--ref=${ref}`, "add", "-f", "-F", "-", commit], {
      cwd,
      env,
      stdin: text,
    });
  }
}

/** Adds `id` to the note of `commit`; false when it was already there (whole-line match). */
export function addLink(repo: Repo, commit: string, id: string): Promise<boolean> {
  return withNotesLock(repo, async () => {
    const current = await readNote(repo, commit);
    const ids = parseLinkNote(current);
    if (ids.includes(id)) return false;
    await writeNote(repo, commit, linkNoteText([...ids, id]));
    return true;
  });
}

/** Removes `id` from the note of `commit`; false when it was not there. */
function removeLink(repo: Repo, commit: string, id: string): Promise<boolean> {
  return withNotesLock(repo, async () => {
    const ids = parseLinkNote(await readNote(repo, commit));
    if (!ids.includes(id)) return false;
    await writeNote(repo, commit, linkNoteText(ids.filter((x) => x !== id)));
    return true;
  });
}

/** The note text of one commit, or "" when it has none. */
export async function readNote(repo: Repo, commit: string, ref = LINKS_REF): Promise<string> {
  const cwd = gitCwd(repo);
  const result = await git(["notes", `--ref=${ref}`, "show", commit], { cwd, okCodes: [1] });
  return result.code === 0 ? result.stdout : "";
}

/** Agent Trace records per commit from `refs/notes/atrace-ranges`. */
export async function readRanges(repo: Repo): Promise<Map<string, AgentTraceRecord[]>> {
  const out = new Map<string, AgentTraceRecord[]>();
  for (const [commit, text] of await readNotes(repo, RANGES_REF)) {
    out.set(commit, parseRecords(text));
  }
  return out;
}

/** Replaces the records of the sessions in `records` on `commit` (other sessions' are kept). */
export function putRecords(
  repo: Repo,
  commit: string,
  records: AgentTraceRecord[],
  drop: string[] = [],
): Promise<void> {
  return withNotesLock(repo, async () => {
    const replaced = new Set([...drop, ...records.map(recordSession)]);
    const kept = parseRecords(await readNote(repo, commit, RANGES_REF))
      .filter((r) => !replaced.has(recordSession(r)));
    await writeNote(repo, commit, serializeRecords([...kept, ...records]), RANGES_REF);
  });
}

/** Both notes refs' contents: links and range records per commit. */
export interface AllNotes {
  links: Map<string, string[]>;
  ranges: Map<string, AgentTraceRecord[]>;
}

/**
 * Links and range records of every commit, read with one `git grep` over both notes trees, from any
 * directory of the repository (when a ref is missing, one more process finds the ones that exist).
 */
export async function readAllNotesAt(cwd: string): Promise<AllNotes> {
  let result = await grepNotes(cwd, [LINKS_REF, RANGES_REF]);
  if (result.code === 128) {
    const listed = await git(["for-each-ref", "--format=%(refname)", LINKS_REF, RANGES_REF], {
      cwd,
    });
    const refs = splitLines(listed.stdout);
    if (!refs.length) return { links: new Map(), ranges: new Map() };
    result = await grepNotes(cwd, refs);
  }
  const texts = new Map<string, string[]>();
  for (const line of new TextDecoder().decode(result.stdout).split("\n")) {
    const nul = line.indexOf("\0");
    if (nul < 0) continue;
    const name = line.slice(0, nul);
    const colon = name.indexOf(":");
    const key = name.slice(0, colon) + ":" + name.slice(colon + 1).replace(/[^0-9a-f]/g, "");
    const list = texts.get(key);
    if (list) list.push(line.slice(nul + 1));
    else texts.set(key, [line.slice(nul + 1)]);
  }
  const links = new Map<string, string[]>();
  const ranges = new Map<string, AgentTraceRecord[]>();
  for (const [key, lines] of texts) {
    const [ref, commit] = key.split(":") as [string, string];
    if (ref === LINKS_REF) links.set(commit, parseLinkNote(lines.join("\n")));
    else if (ref === RANGES_REF) ranges.set(commit, parseRecords(lines.join("\n")));
  }
  return { links, ranges };
}

/** Every line of the notes trees of `refs`, as `git grep -z` prints them (`<ref>:<path>\0<line>`). */
function grepNotes(cwd: string, refs: string[]) {
  return gitBytes([
    "-c",
    "grep.lineNumber=false",
    "-c",
    "grep.column=false",
    "-c",
    "grep.fullName=false",
    "grep",
    "-z",
    "--text",
    "--no-color",
    "-e",
    "",
    ...refs,
    "--",
    ":/",
  ], { cwd });
}

/** Removes a session from a commit: its link and its line-range record; false when it was not linked. */
export async function unlinkSession(repo: Repo, commit: string, id: string): Promise<boolean> {
  const removed = await removeLink(repo, commit, id);
  await putRecords(repo, commit, [], [id]);
  return removed;
}
