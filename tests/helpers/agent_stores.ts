/** The real agents' own session stores (from tests/fixtures/captures) placed in a scratch HOME,
 * re-pointed at a temp repository, and a person's commits of what those sessions wrote. */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { CAPTURES, type TempRepo } from "./temp_repo.ts";

/** The repository and home every capture was recorded with. */
const CAPTURE_REPO = "/home/dev/project";
const CAPTURE_HOME = "/home/dev";

/** Claude Code's project folder name for a directory. */
export function claudeSlug(path: string): string {
  return path.replace(/[^A-Za-z0-9]/g, "-");
}

/** Copies a capture file to `dest`, its paths pointing at the temp repo and home; `edit` may change
 * more (a date, a file name). */
export async function placeCapture(
  repo: TempRepo,
  source: string,
  dest: string,
  edit: (text: string) => string = (t) => t,
): Promise<string> {
  const text = (await Deno.readTextFile(join(CAPTURES, source)))
    .replaceAll(CAPTURE_REPO, repo.dir).replaceAll(CAPTURE_HOME, repo.home);
  await Deno.mkdir(dirname(dest), { recursive: true });
  await Deno.writeTextFile(dest, edit(text));
  return dest;
}

/** The three Claude Code sessions of the capture. */
export const CLAUDE = {
  app: "b4a968cb-32f2-4d4b-9910-34091ef207d2",
  farewell: "63e269c9-9c9c-45c8-8fab-77ef01fa620f",
  nothing: "5e39065a-e20f-40c2-8dee-8678040d56f2",
};

/** The Codex sessions of the capture (classic and code mode). */
export const CODEX = {
  classic: "01a229e3-7c1e-7571-899c-00052c4ff876",
  codemode: "01a229e3-9ac4-70e2-977b-92bc08ddc412",
};

/** Claude Code's transcripts in `<claudeDir>/projects/<slug>/`, moved to 2026-11-20 (ten days
 * before the Codex session, so that each session's commits are its own). */
export async function placeClaude(repo: TempRepo, claudeDir = join(repo.home, ".claude")) {
  const dir = join(claudeDir, "projects", claudeSlug(repo.dir));
  for (const id of Object.values(CLAUDE)) {
    await placeCapture(
      repo,
      `claude-code/home/.claude/projects/-home-dev-project/${id}.jsonl`,
      join(dir, `${id}.jsonl`),
      (t) => t.replaceAll("2026-11-30T", "2026-11-20T"),
    );
  }
  return dir;
}

/** Codex's classic rollout under `<codexHome>/sessions/…`, writing src/greet.py instead of src/app.py. */
export async function placeCodex(repo: TempRepo, codexHome = join(repo.home, ".codex")) {
  const name = `rollout-2026-11-30T00-38-24-${CODEX.classic}.jsonl`;
  return await placeCapture(
    repo,
    `codex/classic/home/.codex/sessions/2026/11/30/${name}`,
    join(codexHome, "sessions", "2026", "11", "30", name),
    (t) => t.replaceAll("src/app.py", "src/greet.py"),
  );
}

/** src/app.py as Claude Code's first session left it. */
export const APP = 'def greet(name):\n    return f"Hello, {name}!"\n\n\ndef main():\n' +
  '    print(greet("world"))\n\n\nif __name__ == "__main__":\n    main()\n';

/** src/app.py after the farewell session. */
export const APP_FAREWELL = APP.replace(
  '    return f"Hello, {name}!"\n',
  '    return f"Hello, {name}!"\n\n\ndef farewell(name):\n    return f"Goodbye, {name}."\n',
);

/** src/greet.py as the Codex session left it. */
export const GREET = 'def greet(name):\n    return f"Hello, {name}!"\n\n\ndef main():\n' +
  '    print(greet("world"))\n';

/** Commits the files as a person would, at `date` (ISO). */
export async function personCommit(
  repo: TempRepo,
  message: string,
  files: Record<string, string>,
  date: string,
): Promise<string> {
  for (const [path, text] of Object.entries(files)) await repo.write(path, text);
  await repo.git(["add", "-A"]);
  await repo.git(["commit", "-q", "-m", message], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  return (await repo.git(["rev-parse", "HEAD"])).trim();
}

/** The history a person made of the Claude Code and Codex sessions' work (no hooks installed):
 * the app with a line of their own, the farewell, then Codex's greet.py on a later day. */
export async function earlierHistory(repo: TempRepo) {
  const init = await personCommit(repo, "init", { "README.md": "hi\n" }, "2026-11-19T10:00:00Z");
  const app = await personCommit(
    repo,
    "add app",
    { "src/app.py": APP + "# by hand\n" },
    "2026-11-20T00:35:00Z",
  );
  const farewell = await personCommit(
    repo,
    "farewell",
    { "src/app.py": APP_FAREWELL + "# by hand\n" },
    "2026-11-20T01:00:00Z",
  );
  const greet = await personCommit(
    repo,
    "greet",
    { "src/greet.py": GREET },
    "2026-11-30T00:50:00Z",
  );
  return { init, app, farewell, greet };
}

/** Every file under `dir` with its text (a snapshot to compare runs). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (path: string) => {
    for await (const entry of Deno.readDir(path)) {
      const full = join(path, entry.name);
      if (entry.isDirectory) await walk(full);
      else if (entry.isFile) out[full.slice(dir.length + 1)] = await Deno.readTextFile(full);
    }
  };
  await walk(dir).catch(() => {});
  return out;
}

/** src/app.py as the OpenCode, Cline and Copilot CLI sessions left it (single quotes). */
export const APP_SINGLE = APP.replaceAll('"', "'");

/** Gemini's chat file, its project hash re-pointed at the temp repository. */
export async function placeGemini(repo: TempRepo) {
  const name = "session-2026-11-30T00-38-67189896.jsonl";
  const hash = (path: string) => createHash("sha256").update(path).digest("hex");
  return await placeCapture(
    repo,
    `gemini-cli/home/.gemini/tmp/project/chats/${name}`,
    join(repo.home, ".gemini", "tmp", "project", "chats", name),
    (t) => t.replaceAll(hash(CAPTURE_REPO), hash(repo.dir)),
  );
}

/** OpenCode's database, rebuilt from the capture's dump. */
export async function placeOpenCode(repo: TempRepo) {
  const path = join(repo.home, ".local", "share", "opencode", "opencode.db");
  await Deno.mkdir(dirname(path), { recursive: true });
  const sql = (await Deno.readTextFile(join(CAPTURES, "opencode", "opencode-db.sql")))
    .replaceAll(CAPTURE_REPO, repo.dir).replaceAll(CAPTURE_HOME, repo.home);
  const db = new DatabaseSync(path);
  db.exec(sql);
  db.close();
  return path;
}

/** Copilot CLI's and Cline's session folders, as recorded. */
export async function placeTree(repo: TempRepo, agent: "copilot-cli" | "cline", top: string) {
  const base = join(CAPTURES, agent, "home");
  const walk = async (rel: string): Promise<void> => {
    for await (const entry of Deno.readDir(join(base, rel))) {
      const path = join(rel, entry.name);
      if (entry.isDirectory) await walk(path);
      else await placeCapture(repo, join(agent, "home", path), join(repo.home, path));
    }
  };
  await walk(top);
}
