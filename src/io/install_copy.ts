/**
 * Installed copies of git-atrace (`<prefix>/share/git-atrace/<version>/`, written by
 * `deno task install` and install.sh) and the launchers on PATH that run them.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LauncherTarget, parseLauncher } from "../core/launcher.ts";
import { statOrNull } from "./fs.ts";

/** One installed copy, as its install.json describes it. */
export interface InstalledCopy {
  version: string;
  dir: string;
  /** The directory its launchers were written to. */
  bin?: string;
  /** The man page it installed. */
  man?: string;
}

const MANIFEST = "install.json";
const LAUNCHER_MAX_BYTES = 4096;

/** The copy this process runs from (compiled binary or bundle), or null for a checkout's main.ts. */
export async function runningCopy(): Promise<string | null> {
  const dir = Deno.build.standalone
    ? dirname(Deno.execPath())
    : import.meta.url.endsWith(".js")
    ? fileURLToPath(new URL("..", import.meta.url))
    : null;
  return dir && await statOrNull(join(dir, MANIFEST)) ? dir.replace(/[/\\]$/, "") : null;
}

/** Where copies live: beside the running one, else the default `~/.local/share/git-atrace`. */
export async function copiesRoot(): Promise<string> {
  const running = await runningCopy();
  if (running) return dirname(running);
  const home = Deno.env.get("HOME") || Deno.env.get("USERPROFILE") || ".";
  return join(home, ".local", "share", "git-atrace");
}

/** Every copy under `root` with a readable install.json, by version. */
export async function listCopies(root: string): Promise<InstalledCopy[]> {
  const copies: InstalledCopy[] = [];
  let entries: Deno.DirEntry[] = [];
  try {
    entries = await Array.fromAsync(Deno.readDir(root));
  } catch {
    return copies;
  }
  for (const entry of entries) {
    if (!entry.isDirectory || entry.name.startsWith(".")) continue;
    const dir = join(root, entry.name);
    const manifest = await readSmall(join(dir, MANIFEST));
    try {
      const data = JSON.parse(manifest ?? "null");
      if (typeof data?.version !== "string") continue;
      const copy: InstalledCopy = { version: data.version, dir };
      if (typeof data.bin === "string") copy.bin = data.bin;
      if (typeof data.man === "string") copy.man = data.man;
      copies.push(copy);
    } catch {
      // Not a copy of ours (or a damaged one): left alone.
    }
  }
  return copies.sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));
}

/** What the launcher at `path` runs, or null when it is not one of git-atrace's launchers. */
export async function readLauncher(path: string): Promise<LauncherTarget | null> {
  const text = await readSmall(path);
  return text === null ? null : parseLauncher(text);
}

/** The start of a regular file (never following it into a device or a huge binary), or null. */
async function readSmall(path: string): Promise<string | null> {
  const info = await statOrNull(path).catch(() => null);
  if (!info?.isFile) return null;
  let file: Deno.FsFile | undefined;
  try {
    file = await Deno.open(path);
    const buffer = new Uint8Array(LAUNCHER_MAX_BYTES);
    const read = await file.read(buffer);
    return new TextDecoder("utf-8", { fatal: false }).decode(buffer.subarray(0, read ?? 0));
  } catch {
    return null;
  } finally {
    file?.close();
  }
}
