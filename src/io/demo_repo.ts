/** The demo's repository: created, filled by a person, and worked on by a replayed Claude Code session. */
import { dirname, join } from "node:path";
import { CommandError } from "../core/errors.ts";
import { DEMO_BEFORE, DEMO_STEPS, type DemoStep } from "../core/demo_session.ts";
import { ClaudeReplay } from "../core/demo_replay.ts";
import { diffLines } from "../core/line_diff.ts";
import { git } from "./git.ts";
import { runSelf } from "./self.ts";

const PERSON = ["-c", "user.name=Demo Person", "-c", "user.email=person@example.com"];

/** `path` (which must be new or empty), or a fresh temp directory. */
export async function demoDir(path: string | null): Promise<string> {
  const dir = path ?? await Deno.makeTempDir({ prefix: "git-atrace-demo-" });
  await ensureEmptyDir(dir);
  return dir;
}

/**
 * A repository set up as a user would (`git atrace install claude-code`: the project's Claude Code
 * hooks, git hooks and notes config) whose first commit, by a person, holds the files the agent
 * will change.
 */
export async function createDemoRepo(dir: string): Promise<void> {
  await git(["init", "-q", "-b", "main"], { cwd: dir });
  await git(["config", "user.name", "Demo Agent"], { cwd: dir });
  await git(["config", "user.email", "agent@example.com"], { cwd: dir });
  const install = await runSelf(["install", "claude-code"], "", dir);
  if (install.code !== 0) {
    throw new CommandError(`install claude-code failed in the demo: ${install.stderr.trim()}`);
  }
  for (const [path, text] of Object.entries(DEMO_BEFORE)) await writeFile(dir, path, text);
  await git(["add", "-A"], { cwd: dir });
  await git([...PERSON, "commit", "-q", "-m", "Add login"], { cwd: dir });
}

/** Replays the sample session through the real hook entry point; returns its id and the agent's commit. */
export async function replayDemoSession(dir: string, now: Date) {
  const sessionId = crypto.randomUUID();
  const transcript = join(dir, ".git", "atrace-demo", `${sessionId}.jsonl`);
  await Deno.mkdir(dirname(transcript), { recursive: true });
  const replay = new ClaudeReplay(sessionId, dir, transcript, now, () => crypto.randomUUID());
  let commit = "";
  for (const step of DEMO_STEPS) commit = (await play(step, replay, dir, transcript)) || commit;
  return { sessionId, commit };
}

/** A person's commit after the agent's, so blame shows both. */
export async function personFollowUp(dir: string): Promise<void> {
  const text = DEMO_BEFORE["src/users.py"]! + "\n\n# TODO: look users up in the database\n";
  await writeFile(dir, "src/users.py", text);
  await git(["add", "-A"], { cwd: dir });
  await git([...PERSON, "commit", "-q", "-m", "Note where users come from"], { cwd: dir });
}

async function ensureEmptyDir(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for await (const _ of Deno.readDir(dir)) {
    throw new CommandError(`'${dir}' is not empty; give the demo a new or empty directory`);
  }
}

async function writeFile(dir: string, path: string, text: string): Promise<void> {
  await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
  await Deno.writeTextFile(join(dir, path), text);
}

async function appendLines(transcript: string, lines: unknown[]): Promise<void> {
  await Deno.writeTextFile(transcript, lines.map((l) => JSON.stringify(l) + "\n").join(""), {
    append: true,
  });
}

async function hook(dir: string, payload: unknown): Promise<void> {
  const result = await runSelf(["hook", "claude-code"], JSON.stringify(payload), dir);
  if (result.code !== 0 || result.stdout !== "") {
    throw new CommandError(
      `the hook misbehaved (exit ${result.code}): ${result.stdout}${result.stderr}`,
    );
  }
}

/** Plays one step: writes the agent's files and transcript lines, then calls the hook; returns a new commit. */
async function play(
  step: DemoStep,
  replay: ClaudeReplay,
  dir: string,
  transcript: string,
): Promise<string> {
  switch (step.kind) {
    case "prompt": {
      const { lines, payload } = replay.prompt(step.text);
      await appendLines(transcript, lines);
      await hook(dir, payload);
      return "";
    }
    case "say":
      await appendLines(transcript, replay.say(step.text));
      return "";
    case "write":
    case "edit": {
      const path = join(dir, step.path);
      const before = step.kind === "write" ? null : await Deno.readTextFile(path);
      const after = step.kind === "write"
        ? step.content
        : before!.replace(step.oldString, step.newString);
      await writeFile(dir, step.path, after);
      const input = step.kind === "write" ? { file_path: path, content: step.content } : {
        file_path: path,
        old_string: step.oldString,
        new_string: step.newString,
        replace_all: false,
      };
      const response = ClaudeReplay.fileResponse(
        path,
        before,
        after,
        diffLines(before ?? "", after),
      );
      const done = step.kind === "write"
        ? `File created successfully at: ${path}`
        : `The file ${path} has been updated successfully.`;
      const { lines, payload } = replay.tool(
        step.kind === "write" ? "Write" : "Edit",
        input,
        response,
        done,
      );
      await appendLines(transcript, lines);
      await hook(dir, payload);
      return "";
    }
    case "commit": {
      const command = `git add -A && git commit -m "${step.message}"`;
      await git(["add", "-A"], { cwd: dir });
      const out = await git(["commit", "-m", step.message], { cwd: dir });
      const response = {
        stdout: out.stdout.trimEnd(),
        stderr: "",
        interrupted: false,
        isImage: false,
      };
      const { lines, payload } = replay.tool(
        "Bash",
        { command, description: "Commit the change" },
        response,
        out.stdout,
      );
      await appendLines(transcript, lines);
      await hook(dir, payload);
      return (await git(["rev-parse", "HEAD"], { cwd: dir })).stdout.trim();
    }
    case "stop":
      await appendLines(transcript, replay.say(step.text));
      await hook(dir, replay.stop(step.text));
      return "";
  }
}
