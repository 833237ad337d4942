/** A stored session whose transcript, events and metadata are full of corpus secrets. */
import { join } from "node:path";
import type { HookEvent, SessionMeta } from "../../src/core/model.ts";
import type { TempRepo } from "../helpers/temp_repo.ts";
import { type SecretSample, secretSamples } from "./secrets.ts";

/** The id of the seeded session. */
export const SECRET_SESSION = "5ec7e7a1-0b2c-4d3e-8f90-a1b2c3d4e5f6";

/** What was seeded: the samples and the store directory. */
export interface Seeded {
  samples: SecretSample[];
  dir: string;
  id: string;
}

/** The edit the seeded session made: src/config.py lines 2-3. */
export const CONFIG_BEFORE = "import os\n\n";
/** src/config.py after the session's edit. */
export const CONFIG_AFTER = "import os\nTIMEOUT = 30\nRETRIES = 3\n";

/** Writes the five store files of a session into `<common dir>/trace/sessions/`. */
export async function seedSecretSession(repo: TempRepo, id = SECRET_SESSION): Promise<Seeded> {
  const samples = secretSamples();
  const dir = join(repo.dir, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  const time = "2026-10-14T09:12:05.118Z";
  const lines: unknown[] = [];
  samples.forEach((s, i) => {
    lines.push({
      type: "user",
      sessionId: id,
      uuid: `u${i}`,
      timestamp: time,
      message: { role: "user", content: `please check this:\n${s.text}` },
    });
    lines.push({
      type: "assistant",
      sessionId: id,
      uuid: `a${i}`,
      timestamp: time,
      message: {
        model: "claude-sonnet-4-6",
        role: "assistant",
        content: [
          { type: "text", text: `I found ${s.text} in the output.` },
          {
            type: "tool_use",
            id: `toolu_${i}`,
            name: "Bash",
            input: { command: `echo '${s.text}'` },
          },
        ],
      },
    });
    lines.push({
      type: "user",
      sessionId: id,
      uuid: `r${i}`,
      timestamp: time,
      message: {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: `toolu_${i}`, content: s.text }],
      },
    });
  });
  const events: HookEvent[] = samples.map((s) => ({
    kind: "shell",
    agent: "claude-code",
    sessionId: id,
    time,
    toolName: "Bash",
    command: s.text,
    output: s.text,
  }));
  events.push({
    kind: "edit",
    agent: "claude-code",
    sessionId: id,
    time,
    model: "claude-sonnet-4-6",
    toolName: "Edit",
    toolCallId: "toolu_edit",
    edits: [{
      path: "src/config.py",
      op: "edit",
      hunks: [{
        oldStart: 1,
        oldLines: 1,
        newStart: 1,
        newLines: 3,
        lines: [" import os", "+TIMEOUT = 30", "+RETRIES = 3"],
      }],
      added: [{ start: 2, end: 3 }],
      addedLines: ["TIMEOUT = 30", "RETRIES = 3"],
    }],
  });
  const meta: SessionMeta = {
    id,
    agent: "claude-code",
    model: "claude-sonnet-4-6",
    cwd: repo.dir,
    branch: "main",
    title: samples[0]!.text,
    startedAt: time,
    updatedAt: time,
    counts: { events: events.length, prompts: samples.length, edits: 1, shell: samples.length },
  };
  const base = join(dir, id);
  await Deno.writeTextFile(`${base}.jsonl`, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  await Deno.writeTextFile(
    `${base}.events`,
    events.map((e) => JSON.stringify(e)).join("\n") + "\n",
  );
  await Deno.writeTextFile(`${base}.json`, JSON.stringify(meta, null, 2) + "\n");
  await Deno.writeTextFile(`${base}.files`, "src/config.py\n");
  await Deno.writeTextFile(`${base}.timestamp`, "2026-10-14T09:12:05Z\n");
  return { samples, dir, id };
}

/** Fails with the sample's name when any secret occurs in `text`. */
export function leakedSecrets(text: string, samples: SecretSample[]): string[] {
  return samples.filter((s) => text.includes(s.secret)).map((s) => s.name);
}
