/** `backfill` of 1,000 sessions totalling 1 GB (Claude Code transcripts and Codex rollouts shaped
 * like the real captures in tests/fixtures/captures), linked to 100 commits made by hand. */
import { join } from "node:path";
import { atraceArgs, PROJECT, type Row, scratchRepo } from "./lib.ts";

const CAPTURES = join(PROJECT, "tests", "fixtures", "captures");
const SESSIONS = 1000;
const TOTAL_BYTES = 1_000_000_000;
const PER_COMMIT = 10;
const START = Date.parse("2026-06-01T09:00:00Z");
const STEP_MS = 10 * 60_000;

/** The capture's lines as JSON values, to be re-used as templates. */
async function template(path: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(join(CAPTURES, path));
  return text.trim().split("\n").map((l) => JSON.parse(l));
}

/** A session's own file: 20 lines no other session wrote. */
function moduleText(i: number): string {
  const lines = [`"""Module ${i}: generated for the backfill bench."""`, ""];
  for (let f = 0; f < 6; f++) {
    lines.push(`def handler_${i}_${f}(value):`, `    return value * ${i + f} + ${f}`, "");
  }
  return lines.join("\n") + "\n";
}

/** A big tool output, as Read and shell calls bring back. */
function filler(i: number, n: number, bytes: number): string {
  const line = `# ${i}.${n} ` + "lorem ipsum dolor sit amet ".repeat(3) + "\n";
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/** A Claude Code transcript shaped like the capture: prompt, Write, Edit, Bash, then Reads with
 * large results until it reaches `bytes`. */
function claudeTranscript(
  lines: Record<string, unknown>[],
  repo: string,
  i: number,
  bytes: number,
): string {
  const id = `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
  const t0 = START + i * STEP_MS;
  const path = join(repo, "src", `mod_${i}.py`);
  const content = moduleText(i);
  let time = t0;
  const stamp = () => new Date(time += 1000).toISOString();
  const base = (type: string) => ({
    ...lines.find((l) => l.type === type),
    sessionId: id,
    cwd: repo,
    timestamp: stamp(),
    uuid: crypto.randomUUID(),
  });
  const user = (content: unknown, result?: unknown) => ({
    ...base("user"),
    message: { role: "user", content },
    ...(result ? { toolUseResult: result } : {}),
  });
  const assistant = (content: unknown[]) => ({
    ...base("assistant"),
    message: { role: "assistant", model: "claude-opus-4-8", content },
  });
  const tool = (n: string, name: string, input: unknown) =>
    assistant([{ type: "tool_use", id: `toolu_${i}_${n}`, name, input }]);
  const result = (n: string, text: string, extra?: unknown) =>
    user([{ tool_use_id: `toolu_${i}_${n}`, type: "tool_result", content: text }], extra);
  const out: unknown[] = [
    user(`Write module ${i} with its handlers, then commit it.`),
    assistant([{ type: "text", text: `Writing src/mod_${i}.py.` }]),
    tool("w", "Write", { file_path: path, content }),
    result("w", "File created successfully", { type: "create", filePath: path, content }),
    tool("e", "Edit", {
      file_path: path,
      old_string: `    return value * ${i} + 0`,
      new_string: `    return value * ${i} - 1`,
    }),
    result("e", "The file has been updated.", {
      filePath: path,
      structuredPatch: [{
        oldStart: 4,
        oldLines: 1,
        newStart: 4,
        newLines: 1,
        lines: [`-    return value * ${i} + 0`, `+    return value * ${i} - 1`],
      }],
    }),
    tool("b", "Bash", { command: "python -m pytest -q" }),
    result("b", "1 passed"),
  ];
  let text = out.map((l) => JSON.stringify(l)).join("\n") + "\n";
  for (let n = 0; text.length < bytes; n++) {
    const read = tool(`r${n}`, "Read", { file_path: path });
    const body = result(`r${n}`, filler(i, n, 16_000), { type: "text", file: { filePath: path } });
    text += JSON.stringify(read) + "\n" + JSON.stringify(body) + "\n";
  }
  return text;
}

/** A Codex rollout shaped like the classic capture: its session_meta (with the real base
 * instructions), an apply_patch adding the module, then shell calls with large outputs. */
function codexRollout(
  lines: Record<string, unknown>[],
  repo: string,
  i: number,
  bytes: number,
): string {
  const id = `01a229e3-0000-7000-8000-${i.toString(16).padStart(12, "0")}`;
  let time = START + i * STEP_MS;
  const stamp = () => new Date(time += 1000).toISOString();
  const meta = lines[0]!;
  const payload = meta.payload as Record<string, unknown>;
  const row = (type: string, p: unknown) =>
    JSON.stringify({ timestamp: stamp(), type, payload: p });
  const patch = "*** Begin Patch\n*** Add File: src/mod_" + i + ".py\n" +
    moduleText(i).trimEnd().split("\n").map((l) => `+${l}`).join("\n") + "\n*** End Patch\n";
  let text = [
    row("session_meta", { ...payload, id, session_id: id, cwd: repo, timestamp: stamp() }),
    row("turn_context", { cwd: repo, model: "gpt-5.5" }),
    row("event_msg", {
      type: "item_completed",
      item: { type: "UserMessage", content: [{ type: "text", text: `Add module ${i}.` }] },
    }),
    row("response_item", {
      type: "custom_tool_call",
      call_id: `call_patch_${i}`,
      name: "apply_patch",
      input: patch,
    }),
    row("response_item", {
      type: "custom_tool_call_output",
      call_id: `call_patch_${i}`,
      output: "Success.",
    }),
  ].join("\n") + "\n";
  for (let n = 0; text.length < bytes; n++) {
    text += row("response_item", {
      type: "function_call",
      name: "exec_command",
      call_id: `call_${i}_${n}`,
      arguments: JSON.stringify({ cmd: `cat src/mod_${i}.py` }),
    }) + "\n";
    text += row("response_item", {
      type: "function_call_output",
      call_id: `call_${i}_${n}`,
      output: filler(i, n, 16_000),
    }) + "\n";
  }
  return text;
}

function slug(path: string): string {
  return path.replace(/[^A-Za-z0-9]/g, "-");
}

async function git(cwd: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command("git", { args, cwd, env, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) throw new Error(`git ${args[0]}: ${new TextDecoder().decode(out.stderr)}`);
}

/** Writes the agents' stores under `home` and a person's commits of the sessions' work in `repo`;
 * returns the transcripts' total size in bytes. */
export async function buildBackfillData(
  repo: string,
  home: string,
  sessions = SESSIONS,
  total = TOTAL_BYTES,
): Promise<number> {
  {
    const claude = await template(
      "claude-code/home/.claude/projects/-home-dev-project/b4a968cb-32f2-4d4b-9910-34091ef207d2.jsonl",
    );
    const codex = await template(
      "codex/classic/home/.codex/sessions/2026/11/30/rollout-2026-11-30T00-38-24-01a229e3-7c1e-7571-899c-00052c4ff876.jsonl",
    );
    const claudeDir = join(home, ".claude", "projects", slug(repo));
    const codexDir = join(home, ".codex", "sessions", "2026", "06", "01");
    await Deno.mkdir(claudeDir, { recursive: true });
    await Deno.mkdir(codexDir, { recursive: true });
    await Deno.mkdir(join(repo, "src"));
    const per = total / sessions;
    let bytes = 0;
    for (let i = 0; i < sessions; i++) {
      // Sizes vary from a fifth to nearly twice the average, as real sessions do.
      const size = Math.round(per * (0.2 + 1.6 * ((i * 7919) % 1000) / 1000));
      const isCodex = i % 10 === 3;
      const text = isCodex
        ? codexRollout(codex, repo, i, size)
        : claudeTranscript(claude, repo, i, size);
      bytes += text.length;
      const file = isCodex
        ? join(
          codexDir,
          `rollout-2026-06-01T00-00-00-01a229e3-0000-7000-8000-${
            i.toString(16).padStart(12, "0")
          }.jsonl`,
        )
        : join(claudeDir, `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000.jsonl`);
      await Deno.writeTextFile(file, text);
      const module = moduleText(i);
      await Deno.writeTextFile(
        join(repo, "src", `mod_${i}.py`),
        isCodex ? module : module.replace(`return value * ${i} + 0`, `return value * ${i} - 1`),
      );
      if (i % PER_COMMIT === PER_COMMIT - 1) {
        const date = new Date(START + i * STEP_MS + 30 * 60_000).toISOString();
        await git(repo, ["add", "-A"]);
        await git(repo, [
          "-c",
          "user.name=Bench",
          "-c",
          "user.email=bench@example.com",
          "commit",
          "-q",
          "-m",
          `modules up to ${i}`,
        ], {
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        });
      }
    }
    return bytes;
  }
}

/** Builds the stores and the history, then times `backfill` and a second, idle run. */
export async function benchBackfill(): Promise<Row[]> {
  const repo = await scratchRepo("backfill");
  const home = await Deno.makeTempDir({ prefix: "atrace-bench-home-" });
  try {
    const bytes = await buildBackfillData(repo, home);
    // GNU time, where there is one, adds the CPU seconds: on a shared machine wall time mostly
    // measures the neighbours.
    const gnuTime = await Deno.stat("/usr/bin/time").then(() => true).catch(() => false);
    const run = async () => {
      const [deno, args] = atraceArgs(["backfill"]);
      const [cmd, argv] = gnuTime
        ? ["/usr/bin/time", ["-f", "cpu %U %S", deno, ...args]]
        : [deno, args];
      const start = performance.now();
      const out = await new Deno.Command(cmd, {
        args: argv,
        cwd: repo,
        env: {
          HOME: home,
          CLAUDE_CONFIG_DIR: join(home, ".claude"),
          CODEX_HOME: join(home, ".codex"),
          GIT_COMMITTER_NAME: "Bench",
          GIT_COMMITTER_EMAIL: "bench@example.com",
        },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const ms = performance.now() - start;
      const text = new TextDecoder().decode(out.stdout);
      const err = new TextDecoder().decode(out.stderr);
      if (!out.success) throw new Error(`backfill failed: ${err}`);
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(err);
      const cpuText = cpu ? `, ${(Number(cpu[1]) + Number(cpu[2])).toFixed(1)} s CPU` : "";
      return { ms, text, cpuText };
    };
    const first = await run();
    const linked = /Linked (\d+) commits \((\d+) lines\)/.exec(first.text);
    const again = await run();
    const gb = bytes / 1e9;
    return [
      {
        name: `backfill, ${SESSIONS} sessions, ${gb.toFixed(2)} GB`,
        value: `${(first.ms / 1000).toFixed(1)} s${first.cpuText} (${
          (bytes / 1e6 / (first.ms / 1000)).toFixed(0)
        } MB/s; ${linked?.[1] ?? "?"} commits, ${linked?.[2] ?? "?"} lines linked)`,
        goal: "< 60 s",
        ok: first.ms < 60_000 && linked?.[1] === String(SESSIONS / PER_COMMIT),
      },
      {
        name: "backfill again (nothing new)",
        value: `${(again.ms / 1000).toFixed(1)} s${again.cpuText}`,
        goal: "",
        ok: /Imported 0 sessions/.test(again.text),
      },
    ];
  } finally {
    await Deno.remove(repo, { recursive: true }).catch(() => {});
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { table } = await import("./lib.ts");
  // deno-lint-ignore no-console
  console.log(table(await benchBackfill()));
}
