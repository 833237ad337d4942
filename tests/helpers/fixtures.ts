/** Loading the shared agent fixtures, re-pointed at a temp repository. */
import { join } from "node:path";
import { FIXTURES, type TempRepo } from "./temp_repo.ts";

/** The scenario's repository path in every fixture. */
export const FIXTURE_REPO = "/home/dev/acme-api";

/** A fixture file's text with the scenario's repo path and home replaced by the temp repo's. */
export async function fixture(repo: TempRepo, agent: string, file: string): Promise<string> {
  const text = await Deno.readTextFile(join(FIXTURES, agent, file));
  return text.replaceAll(FIXTURE_REPO, repo.dir).replaceAll("/home/dev", repo.home);
}

/** The original content of src/auth.py in the fixture scenario (before the agent's edit). */
export const AUTH_BEFORE =
  "import hmac\nimport os\n\n\ndef verify_token(token: str, stored_token: str) -> bool:\n" +
  "    if not token:\n        return False\n    if token == stored_token:\n        return True\n    return False\n";

/** src/auth.py after the agent's edit. */
export const AUTH_AFTER = AUTH_BEFORE.replace(
  "if token == stored_token:",
  "if hmac.compare_digest(token, stored_token):",
);

/** Puts the Claude Code fixture transcript where the payloads say it is; returns its path. */
export async function installClaudeTranscript(repo: TempRepo): Promise<string> {
  const path = join(
    repo.home,
    ".claude/projects/-home-dev-acme-api/7b3c9e2a-4f1d-4c8b-9a6e-2d5f8c1b0e34.jsonl",
  );
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, await fixture(repo, "claude-code", "transcript.jsonl"));
  return path;
}

/** The Claude Code session id used by every Claude fixture. */
export const CLAUDE_SESSION = "7b3c9e2a-4f1d-4c8b-9a6e-2d5f8c1b0e34";

/** Commits src/auth.py, then captures the Claude Code fixture's edit of it through the hook (the file is left edited, uncommitted). */
export async function captureClaudeEdit(repo: TempRepo): Promise<void> {
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await installClaudeTranscript(repo);
  await repo.write("src/auth.py", AUTH_AFTER);
  const hook = await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json"),
  });
  if (hook.code !== 0 || hook.stdout !== "" || hook.stderr !== "") {
    throw new Error(`the hook misbehaved: ${JSON.stringify(hook)}`);
  }
}
