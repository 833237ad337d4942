/** The web viewer's test bench: a repository with real sessions, the server, and headless Chromium. */
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";
import { linkSession } from "../../src/io/attribution.ts";
import { requireRepo } from "../../src/io/repo.ts";
import { resolveSession } from "../../src/io/store.ts";
import { startWebServer, type WebServer } from "../../src/web/server.ts";
import { assertEquals } from "./assert.ts";
import {
  AUTH_AFTER,
  AUTH_BEFORE,
  CLAUDE_SESSION,
  fixture,
  installClaudeTranscript,
} from "./fixtures.ts";
import { type TempRepo, tempRepo } from "./temp_repo.ts";

/** The session whose transcript is full of markup that must stay text. */
export const HOSTILE_SESSION = "e71c0ffe-0000-4bad-8bad-000000000001";
/** The session with 10,000 messages. */
export const BIG_SESSION = "b16b16b1-0000-4000-8000-000000010000";
/** The tool call in the middle of the big session. */
export const BIG_CALL = "toolu_big_middle_call";
/** The 5,000-line file the big session wrote. */
export const BIG_FILE = "src/big.txt";
/** The Claude Code fixture's edit of src/auth.py. */
export const AUTH_CALL = "toolu_01Sx9DkQ2mPz7LwR4tYb8NcE";

const HOSTILE_TEXTS = [
  `<script>globalThis.__pwned = "script"</script>`,
  `<img src=x onerror="globalThis.__pwned = 'img'">`,
  `[click me](javascript:globalThis.__pwned='link') <a href="javascript:globalThis.__pwned='a'">a</a>`,
];

/** A repository with the Claude Code fixture session (edit + linked commit), a hostile and a big one. */
export async function webRepo(): Promise<TempRepo> {
  const repo = await tempRepo();
  await repo.commit("initial", { "src/auth.py": AUTH_BEFORE });
  await repo.write("src/auth.py", AUTH_AFTER);
  await installClaudeTranscript(repo);
  const hook = await repo.atrace(["hook"], {
    stdin: await fixture(repo, "claude-code", "hook-PostToolUse-Edit.json"),
  });
  assertEquals(hook.code, 0);
  const fix = await repo.commit("fix(auth): use constant-time token comparison");
  await link(repo, CLAUDE_SESSION, fix);
  const store = join(repo.dir, ".git/trace/sessions");
  await writeSession(store, HOSTILE_SESSION, hostileTranscript(), {
    title: `Escape user bios: <img src=x onerror="globalThis.__pwned='title'">`,
    files: ["src/auth.py"],
    stamp: "2026-10-15T10:00:00Z",
  });
  await writeSession(store, BIG_SESSION, bigTranscript(), {
    title: "generate the big file",
    files: [BIG_FILE],
    stamp: "2026-10-13T08:00:00Z",
    events: bigEvents(),
  });
  const bigCommit = await repo.commit("add the big file", {
    [BIG_FILE]: bigLines().join("\n") + "\n",
  });
  await link(repo, BIG_SESSION, bigCommit);
  return repo;
}

async function link(repo: TempRepo, id: string, commit: string): Promise<void> {
  const found = await requireRepo(repo.dir);
  await linkSession(found, commit, await resolveSession(found, id));
}

async function writeSession(
  store: string,
  id: string,
  transcript: string,
  opts: { title: string; files: string[]; stamp: string; events?: string },
): Promise<void> {
  await Deno.mkdir(store, { recursive: true });
  const meta = {
    id,
    agent: "claude-code",
    model: "claude-sonnet-4-6",
    title: opts.title,
    startedAt: opts.stamp,
    updatedAt: opts.stamp,
    counts: { events: 0, prompts: 1, edits: 0, shell: 0 },
  };
  await Deno.writeTextFile(join(store, `${id}.jsonl`), transcript);
  await Deno.writeTextFile(join(store, `${id}.json`), JSON.stringify(meta) + "\n");
  await Deno.writeTextFile(join(store, `${id}.files`), opts.files.join("\n") + "\n");
  await Deno.writeTextFile(join(store, `${id}.timestamp`), opts.stamp + "\n");
  if (opts.events) await Deno.writeTextFile(join(store, `${id}.events.jsonl`), opts.events);
}

function user(text: string, time: string): string {
  return JSON.stringify({
    type: "user",
    timestamp: time,
    message: { role: "user", content: text },
  });
}

function assistant(content: unknown[], time: string): string {
  return JSON.stringify({
    type: "assistant",
    timestamp: time,
    message: { role: "assistant", model: "claude-sonnet-4-6", content },
  });
}

function hostileTranscript(): string {
  const time = "2026-10-15T10:00:00.000Z";
  return [
    user(HOSTILE_TEXTS.join("\n"), time),
    assistant(HOSTILE_TEXTS.map((text) => ({ type: "text", text })), time),
    assistant([{
      type: "tool_use",
      id: "toolu_<img src=x onerror=alert(1)>",
      name: `<img src=x onerror="globalThis.__pwned='tool'">`,
      input: { command: HOSTILE_TEXTS[0] },
    }], time),
  ].join("\n") + "\n";
}

function bigTranscript(): string {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const time = new Date(Date.UTC(2026, 9, 13, 8) + i * 1000).toISOString();
    lines.push(user(`prompt number ${i}`, time));
    if (i === 2500) {
      lines.push(assistant([{
        type: "tool_use",
        id: BIG_CALL,
        name: "Write",
        input: { file_path: BIG_FILE, content: "line 1 of the big file\n…" },
      }], time));
    } else {
      lines.push(assistant([{ type: "text", text: `answer number ${i}` }], time));
    }
  }
  return lines.join("\n") + "\n";
}

function bigLines(): string[] {
  return Array.from({ length: 5000 }, (_, i) => `line ${i + 1} of the big file`);
}

function bigEvents(): string {
  const event = {
    kind: "edit",
    agent: "claude-code",
    sessionId: BIG_SESSION,
    time: "2026-10-13T08:41:40.000Z",
    toolName: "Write",
    toolCallId: BIG_CALL,
    edits: [{
      path: BIG_FILE,
      op: "create",
      hunks: [],
      added: [{ start: 1, end: 5000 }],
      addedLines: bigLines(),
    }],
  };
  return JSON.stringify(event) + "\n";
}

/** Starts the server in-process on a free port for `repo`. */
export async function serve(repo: TempRepo, token: string | null = "t0ken"): Promise<WebServer> {
  return await startWebServer(await requireRepo(repo.dir), { port: 0, token });
}

/** The Chromium the browser tests drive: $CHROMIUM, else Debian's. */
const CHROMIUM = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";

/** Whether that Chromium is installed (the browser tests are skipped without it; .ci/run says so). */
export async function hasChromium(): Promise<boolean> {
  return (await Deno.stat(CHROMIUM).catch(() => null))?.isFile ?? false;
}

/** Headless Debian Chromium with a fresh profile under `dir`; never downloads a browser. */
export async function launchBrowser(dir: string): Promise<BrowserContext> {
  return await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
