/** The agent registry: one folder per agent, real payloads detected, transcript formats told apart. */
import { join } from "node:path";
import { ADAPTERS, detectAdapter, INSTALL_SPECS } from "../src/agents/registry.ts";
import { CAPTURED_AGENTS } from "../src/core/model.ts";
import { assert, assertEquals } from "./helpers/assert.ts";
import { CAPTURES, FIXTURES, PROJECT } from "./helpers/temp_repo.ts";

/** Each agent's transcript files among the fixtures (real captures first, synthetic ones after). */
const TRANSCRIPTS: Record<string, string[]> = {
  "claude-code": [
    "captures/claude-code/home/.claude/projects/-home-dev-project/b4a968cb-32f2-4d4b-9910-34091ef207d2.jsonl",
    "captures/claude-code/home/.claude/projects/-home-dev-project/5e39065a-e20f-40c2-8dee-8678040d56f2.jsonl",
    "synthetic/claude-code/transcript.jsonl",
  ],
  "gemini-cli": [
    "captures/gemini-cli/home/.gemini/tmp/project/chats/session-2026-11-30T00-38-67189896.jsonl",
    "synthetic/gemini-cli/session-2026-10-14T09-12-7f3c2a1e.jsonl",
    "synthetic/gemini-cli/legacy-session-2026-10-14T09-12-7f3c2a1e.json",
  ],
  codex: [
    "captures/codex/classic/home/.codex/sessions/2026/11/30/rollout-2026-11-30T00-38-24-01a229e3-7c1e-7571-899c-00052c4ff876.jsonl",
    "captures/codex/codemode/home/.codex/sessions/2026/11/30/rollout-2026-11-30T00-38-31-01a229e3-9ac4-70e2-977b-92bc08ddc412.jsonl",
    "synthetic/codex/rollout-2026-10-14T09-12-03-01a139ae-dab8-7c41-9e25-6b0d3f8a1c47.jsonl",
  ],
  "copilot-cli": [
    "captures/copilot-cli/home/.copilot/session-state/5ca35041-d85e-433f-91da-5438ea049860/events.jsonl",
    "captures/copilot-cli/home/.copilot/session-state/fb462bde-81ad-454c-910c-0a864ae6eb7e/events.jsonl",
  ],
  cline: [
    "captures/cline/home/.cline/data/sessions/1795998660036_hslqu/1795998660036_hslqu.messages.json",
    "synthetic/cline/globalStorage-saoudrizwan.claude-dev/tasks/1791969123000/api_conversation_history.json",
  ],
  cursor: [
    "synthetic/cursor/agent-transcripts/5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205/5f0c9a3e-2b7d-4e18-9c46-a1d3f7e8b205.jsonl",
  ],
  opencode: ["synthetic/opencode/export-ses_1a9f3c7d2e4bKq8ZrT5wVn2LpX.json"],
};

/** Files that are no agent's transcript. */
const NOT_TRANSCRIPTS: Record<string, string> = {
  empty: "",
  passwd: "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
  environ: "PATH=/usr/bin\0HOME=/root\0SECRET=hunter2\0",
  "json object": '{"hello":"world"}\n',
  "json array": "[1, 2, 3]\n",
  "cline session record":
    "captures/cline/home/.cline/data/sessions/1795998660036_hslqu/1795998660036_hslqu.json",
  "copilot workspace":
    "captures/copilot-cli/home/.copilot/session-state/5ca35041-d85e-433f-91da-5438ea049860/workspace.yaml",
  "hook payload": "captures/claude-code/hook-PostToolUse-Write.json",
};

const HEAD = 64 * 1024;

async function head(file: string): Promise<string> {
  const bytes = await Deno.readFile(join(PROJECT, "tests", "fixtures", file));
  return new TextDecoder().decode(bytes.subarray(0, HEAD));
}

Deno.test("registry: one adapter per captured agent, each with its install spec, env marks and tested versions", async () => {
  assertEquals(ADAPTERS.map((a) => a.name), [...CAPTURED_AGENTS]);
  assertEquals(INSTALL_SPECS.map((s) => s.agent), [...CAPTURED_AGENTS]);
  for (const adapter of ADAPTERS) {
    const folder = join(PROJECT, "src", "agents", adapter.name);
    for (const file of ["adapter.ts", "hook.ts", "transcript.ts", "source.ts", "install.ts"]) {
      assert((await Deno.stat(join(folder, file))).isFile, `${adapter.name}/${file}`);
    }
    assert(adapter.env.markers.length > 0, `${adapter.name} has no shell marker`);
    assert(adapter.looksLikeTranscript, `${adapter.name} cannot judge a transcript`);
    assert(adapter.source.file || adapter.source.whole, `${adapter.name} has no source`);
  }
  const tested = Object.fromEntries(ADAPTERS.map((a) => [a.name, a.tested]));
  assertEquals(tested, {
    "claude-code": ["2.1.197"],
    "gemini-cli": ["0.61.0"],
    opencode: ["1.18.33"],
    codex: ["0.171.0"],
    cursor: [],
    "copilot-cli": ["1.0.102"],
    cline: ["3.0.65"],
  });
});

Deno.test("registry: every real captured payload is detected as its agent's", async () => {
  const folders: [string, string][] = [
    ["claude-code", "claude-code"],
    ["gemini-cli", "gemini-cli"],
    ["codex", "codex/classic"],
    ["codex", "codex/codemode"],
    ["opencode", "opencode"],
    ["cline", "cline"],
    ["copilot-cli", "copilot-cli"],
  ];
  let count = 0;
  for (const [agent, folder] of folders) {
    for await (const entry of Deno.readDir(join(CAPTURES, folder))) {
      if (!/^hook-.*\.json$/.test(entry.name)) continue;
      const payload = JSON.parse(await Deno.readTextFile(join(CAPTURES, folder, entry.name)));
      assertEquals(detectAdapter(payload).name, agent, `${folder}/${entry.name}`);
      count++;
    }
  }
  assertEquals(count, 56);
});

Deno.test("looksLikeTranscript: each agent accepts its own transcripts and nothing else", async () => {
  for (const adapter of ADAPTERS) {
    for (const [agent, files] of Object.entries(TRANSCRIPTS)) {
      for (const file of files) {
        const verdict = adapter.looksLikeTranscript!(await head(file));
        assertEquals(verdict, agent === adapter.name, `${adapter.name} on ${file}`);
      }
    }
    for (const [name, value] of Object.entries(NOT_TRANSCRIPTS)) {
      const text = /^(captures|synthetic)\//.test(value) ? await head(value) : value;
      assertEquals(adapter.looksLikeTranscript!(text), false, `${adapter.name} on ${name}`);
    }
  }
});

Deno.test("looksLikeTranscript: a first record longer than the head is judged by its start", async () => {
  const rollout = await head(TRANSCRIPTS.codex![0]!);
  const huge = rollout.split("\n")[0]!.replace('"cwd":', `"pad":"${"x".repeat(HEAD)}","cwd":`);
  const codex = ADAPTERS.find((a) => a.name === "codex")!;
  assertEquals(codex.looksLikeTranscript!(huge.slice(0, HEAD)), true);
  const claude = ADAPTERS.find((a) => a.name === "claude-code")!;
  assertEquals(claude.looksLikeTranscript!(huge.slice(0, HEAD)), false);
  assertEquals(codex.looksLikeTranscript!(`{"garbage":"${"x".repeat(HEAD)}`), false);
  void FIXTURES;
});
