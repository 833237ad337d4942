/**
 * The user-facing checks, through the real CLI, after one agent run: list, view, files, log,
 * blame, why and doctor, plus what the model server saw. Each check says what it expected and
 * what it got, so a failure can be routed without re-running.
 */
import { join } from "node:path";
import type { Driver } from "./agents/types.ts";
import type { AgentRun, SessionRun } from "./play.ts";
import { atrace, type Output } from "./sandbox.ts";
import { ANSWERS, APP, farewellSource, greetLine, type SessionScript } from "./scenario.ts";

/** One check's outcome. */
export interface CheckResult {
  run: string;
  name: string;
  ok: boolean;
  /** Why it failed (empty when it passed). */
  detail: string;
}

type Json = Record<string, unknown>;

/** A check's verdict: true, or what went wrong. */
type Verdict = true | string;

const short = (id: string | undefined) => id ? id.slice(0, 12) : "(none)";
const clip = (text: string, max = 160) =>
  JSON.stringify(text.length > max ? text.slice(0, max) + "…" : text);

function parse(out: Output, what: string): unknown {
  if (out.code !== 0) throw new Error(`${what} exited ${out.code}: ${clip(out.stderr.trim())}`);
  try {
    return JSON.parse(out.stdout);
  } catch {
    throw new Error(`${what} printed no JSON: ${clip(out.stdout)}`);
  }
}

/** Runs the checks for one agent run. */
export async function check(agentRun: AgentRun): Promise<CheckResult[]> {
  const { driver, box } = agentRun;
  const results: CheckResult[] = [];
  const add = async (name: string, test: () => Verdict | Promise<Verdict>) => {
    let verdict: Verdict;
    try {
      verdict = await test();
    } catch (error) {
      verdict = error instanceof Error ? error.message : String(error);
    }
    results.push({
      run: driver.name,
      name,
      ok: verdict === true,
      detail: verdict === true ? "" : verdict,
    });
  };
  const cli = (args: string[]) => atrace(box, args);

  await add("install: `git atrace install` succeeds", () =>
    agentRun.install.code === 0 ||
    `exit ${agentRun.install.code}: ${clip(agentRun.install.stderr.trim())}`);
  await add(
    "model server: every request was expected",
    () =>
      agentRun.error ? `run aborted: ${agentRun.error}` : agentRun.unexpected.length === 0 ||
        agentRun.unexpected.map((e) => `#${e.n} ${e.method} ${e.path}: ${e.outcome}`).join("; ") +
          ` (requests in ${agentRun.serverLog})`,
  );

  const listed = await cli(["list", "--json"]);
  const sessions = new Map<string, Json>();
  try {
    for (const s of parse(listed, "list --json") as Json[]) sessions.set(String(s.id), s);
  } catch {
    // each session check below reports the missing list
  }
  const idOf = new Map<SessionScript["name"], string>();

  for (const name of driver.sessions) {
    if (!agentRun.sessions.some((s) => s.script.name === name)) {
      await add(
        `${name}: the client played the script to its final answer`,
        () => `not run: ${agentRun.error ?? "the run stopped before this session"}`,
      );
    }
  }
  for (const ran of agentRun.sessions) {
    const name = ran.script.name;
    await add(`${name}: the client played the script to its final answer`, () => {
      if (ran.output.timedOut) {
        return `killed after ${ran.output.seconds}s` +
          (agentRun.finished.has(name)
            ? " (its final answer had been served: the client did not exit)"
            : " (it stopped asking the model: see its stderr in the sandbox)");
      }
      if (ran.output.code !== 0) {
        return `exit ${ran.output.code}: ${clip(ran.output.stderr.trim() || ran.output.stdout)}`;
      }
      return agentRun.finished.has(name) ||
        `the final answer was never requested (requests in ${agentRun.serverLog})`;
    });
    await add(`${name}: list shows one new session with a title`, () => {
      if (ran.newIds.length !== 1) {
        return `${ran.newIds.length} new sessions after the run (${
          ran.newIds.map(short).join(", ") || "none"
        }); list: ${clip(listed.stdout || listed.stderr)}`;
      }
      const id = ran.newIds[0]!;
      idOf.set(name, id);
      const meta = sessions.get(id);
      if (!meta) return `session ${short(id)} missing from the final list`;
      if (meta.agent !== driver.agent) return `agent is ${meta.agent}, expected ${driver.agent}`;
      const title = String(meta.title ?? "").replace(/…$/, "");
      const words = ran.script.prompt.slice(0, 24);
      return title.includes(words) || `title ${clip(title)} does not start with the prompt`;
    });
    await sessionChecks(add, cli, ran, idOf.get(name), driver);
  }

  await add("list: each id it shows opens that session in view", async () => {
    const shown = await cli(["list"]);
    const rows = shown.stdout.split("\n").map((l) => l.match(/^ {2}(\S+) {2}/)?.[1])
      .filter((id): id is string => !!id);
    const wrong: string[] = [];
    for (const id of rows) {
      const opened = await cli(["view", id]);
      const full = [...idOf.values()].find((s) => s.startsWith(id));
      if (opened.code !== 0 || !full || !opened.stdout.includes(full)) {
        wrong.push(`${id}: exit ${opened.code} ${clip(opened.stderr.trim(), 80)}`);
      }
    }
    return (rows.length === agentRun.sessions.length && wrong.length === 0) ||
      `${rows.length} rows; ${wrong.join("; ") || "no id opens a session"}`;
  });
  await commitChecks(add, cli, agentRun, idOf);
  await add("doctor: agent set up, and capture problems flagged", async () => {
    const out = await cli(["doctor"]);
    const sections = doctorSections(out.stdout);
    const agents = sections.get("Agents") ?? [];
    if (!agents.some((l) => l.startsWith(`ok  ${driver.agent}`))) {
      return `Agents section lacks 'ok  ${driver.agent}': ${clip(agents.join(" | "))}`;
    }
    const binary = (sections.get("Hook binary") ?? []).filter((l) => l.startsWith("!!"));
    if (binary.length) return `Hook binary: ${clip(binary.join(" | "))}`;
    // A capture is broken when a session is missing, or has no prompt or no edits (issue 11).
    const broken = results.filter((r) =>
      !r.ok && /: (list shows|view shows the prompt|files lists)/.test(r.name)
    );
    const flagged = (sections.get("Captures") ?? []).filter((l) => l.startsWith("!!"));
    if (broken.length && !flagged.length) {
      return `${broken.length} capture checks failed but doctor's Captures section is all ok` +
        (out.stdout.includes("Everything looks fine")
          ? " and it says 'Everything looks fine'"
          : "") +
        `: ${clip((sections.get("Captures") ?? []).join(" | "))}`;
    }
    return true;
  });
  return results;
}

/** Doctor's output as section name → its finding lines (marks kept, `fix:` lines dropped). */
function doctorSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\S/.test(line)) sections.set(line.trim(), current = []);
    else if (/^ {2}(ok|!!|--) /.test(line)) current.push(line.trim());
  }
  return sections;
}

type Add = (name: string, test: () => Verdict | Promise<Verdict>) => Promise<void>;
type Cli = (args: string[]) => Promise<Output>;

async function sessionChecks(
  add: Add,
  cli: Cli,
  ran: SessionRun,
  id: string | undefined,
  driver: Driver,
): Promise<void> {
  const name = ran.script.name;
  const need = () => {
    if (!id) throw new Error("no session to look at (see the list check)");
    return id;
  };
  let text = "";
  let messages: Json[] = [];
  const load = async () => {
    if (text) return;
    const shown = await cli(["view", need()]);
    if (shown.code !== 0) throw new Error(`view exited ${shown.code}: ${clip(shown.stderr)}`);
    text = shown.stdout;
    messages = parse(await cli(["view", need(), "--json"]), "view --json") as Json[];
  };
  // The calls the model really made: a client without a tool for an action (Codex and Cline read
  // through the shell, so the script's read is not played to them) is not asked for it.
  const probe = { userTexts: [], results: [], tools: [], model: "" };
  const actions = ran.script.steps.flatMap((s) =>
    s.action && driver.dialect(s.action, "probe", probe, "/") ? [s.action] : []
  );

  await add(`${name}: view shows the prompt`, async () => {
    await load();
    const prompts = messages.filter((m) => m.kind === "prompt").map((m) => String(m.text));
    if (!prompts.some((p) => p.includes(ran.script.prompt))) {
      return `prompts in view --json: ${clip(JSON.stringify(prompts))}`;
    }
    // OpenCode stores `opencode run "<prompt>"`'s prompt in quotes: shown as stored, that is fine.
    const shown = text.split("\n").some((l) => l.startsWith("> ") && l.includes(ran.script.prompt));
    return shown || "the text view has no '> <prompt>' line";
  });
  await add(`${name}: view shows each tool call once, with its path or command`, async () => {
    await load();
    const tools = messages.filter((m) => m.kind === "tool");
    const bare = text.split("\n").filter((l) => /^\[[^\]]+\]\s*$/.test(l));
    if (bare.length) return `tool lines without a path or command: ${clip(bare.join(" | "))}`;
    const wanted = actions.length;
    const summary = tools.map((t) => `${t.name}(${(t.files as string[] ?? []).join(",")})`);
    if (tools.length !== wanted) {
      return `${tools.length} tool calls in view --json, the model made ${wanted}: ${
        clip(summary.join(" "))
      }`;
    }
    const fileActions = actions.filter((a) => a.kind !== "shell").length;
    const withApp = tools.filter((t) =>
      (t.files as string[] ?? []).some((f) => f.endsWith(APP))
    ).length;
    return withApp >= fileActions ||
      `${withApp} tool calls name ${APP}, expected ${fileActions}: ${clip(summary.join(" "))}`;
  });
  const shellShown = name === "main"
    ? /\[main [0-9a-f]{7,}\] add app/
    : name === "failed"
    ? /nothing to commit/
    : /git commit -qm/;
  await add(`${name}: view shows the shell command's output`, async () => {
    await load();
    return shellShown.test(text) ||
      `no ${shellShown} in the view; shell lines: ${
        clip(text.split("\n").filter((l) => /git|⎿/.test(l)).join(" | "))
      }`;
  });
  await add(`${name}: view shows the final answer`, async () => {
    await load();
    const answer = ANSWERS[name];
    return text.includes(answer) || `no ${clip(answer)}; the view ends ${clip(text.slice(-200))}`;
  });
  await add(`${name}: files lists what the session edited`, async () => {
    const files = parse(await cli(["files", need(), "--json"]), "files --json") as string[];
    const wanted = name === "failed" ? [] : [APP];
    return JSON.stringify(files) === JSON.stringify(wanted) ||
      `files --json ${JSON.stringify(files)}, expected ${JSON.stringify(wanted)}`;
  });
}

async function commitChecks(
  add: Add,
  cli: Cli,
  agentRun: AgentRun,
  idOf: Map<SessionScript["name"], string>,
): Promise<void> {
  const { driver } = agentRun;
  const ran = (name: SessionScript["name"]) =>
    agentRun.sessions.find((s) => s.script.name === name);
  const commitOf = (name: SessionScript["name"]) => {
    const r = ran(name);
    return r && r.headAfter !== r.headBefore ? r.headAfter : undefined;
  };
  let log: Json[] | null = null;
  const links = async (commit: string) => {
    log ??= parse(await cli(["log", "20", "--json"]), "log --json") as Json[];
    const entry = log.find((c) => c.commit === commit);
    return (entry?.sessions as string[] | undefined) ?? [];
  };
  for (const name of ["main", "quiet"] as const) {
    if (!ran(name)) continue;
    const label = name === "main" ? "the agent's commit" : "the quiet commit (git commit -qm)";
    await add(`log: ${label} is linked to its session only`, async () => {
      const commit = commitOf(name);
      if (!commit) return `the agent made no commit in session ${name}`;
      const id = idOf.get(name);
      if (!id) return "no session to look for (see the list check)";
      const linked = await links(commit);
      return JSON.stringify(linked) === JSON.stringify([id]) ||
        `commit ${commit.slice(0, 7)} links ${JSON.stringify(linked.map(short))}, expected [${
          short(id)
        }]`;
    });
  }
  if (ran("failed")) {
    await add("log: the failed commit links nothing", async () => {
      const r = ran("failed")!;
      if (r.headAfter !== r.headBefore) return "HEAD moved during the failed commit";
      const id = idOf.get("failed");
      if (!id) return "no session to look for (see the list check)";
      log ??= parse(await cli(["log", "20", "--json"]), "log --json") as Json[];
      const linked = log.filter((c) => (c.sessions as string[]).includes(id));
      return linked.length === 0 ||
        `the failed session is linked to ${linked.map((c) => String(c.commit).slice(0, 7))}`;
    });
  }
  await add("sessions: each run is a distinct session", () => {
    const ids = [...idOf.values()];
    return (ids.length === agentRun.sessions.length && new Set(ids).size === ids.length) ||
      `session ids ${JSON.stringify(ids.map(short))} for ${agentRun.sessions.length} runs`;
  });

  const source = await Deno.readTextFile(join(agentRun.box.repo, APP)).catch(() => "");
  const lines = source.split("\n");
  const greet = greetLine(driver.quote).after;
  const farewell = farewellSource(driver.quote).split("\n").slice(0, 2);
  await add("blame: the agent's lines carry their sessions", async () => {
    const blamed = parse(await cli(["blame", APP, "--json"]), "blame --json") as Json[];
    const wrong: string[] = [];
    for (const line of blamed) {
      const owner = line.commit === commitOf("main")
        ? "main"
        : line.commit === commitOf("quiet")
        ? "quiet"
        : null;
      if (!owner) continue;
      const id = idOf.get(owner);
      const hit = (line.sessions as Json[]).find((s) => s.id === id);
      if (!hit || hit.match !== "range") {
        wrong.push(
          `${line.line}:${hit ? "~" : ""}${
            (line.sessions as Json[]).map((s) => short(String(s.id))).join(",") || "-"
          }`,
        );
      }
    }
    return (blamed.length > 0 && wrong.length === 0) ||
      `lines without their session's line-level record (line:sessions): ${wrong.join(" ")}`;
  });
  const whyCheck = (name: "main" | "quiet", content: string) =>
    add(
      `why: the ${name} session's edited line → commit, session, prompt, tool call, diff`,
      async () => {
        const at = lines.indexOf(content) + 1;
        if (!at) return `${APP} has no line ${clip(content)}`;
        const why = parse(await cli(["why", `${APP}:${at}`, "--json"]), "why --json") as Json;
        const problems: string[] = [];
        if (why.commit !== commitOf(name)) problems.push(`commit ${short(String(why.commit))}`);
        const session = (why.session as Json | null)?.id;
        if (session !== idOf.get(name)) problems.push(`session ${short(String(session))}`);
        if (!String(why.prompt ?? "").includes(ran(name)!.script.prompt)) {
          problems.push(`prompt ${clip(String(why.prompt ?? ""), 60)}`);
        }
        if (why.tool !== driver.editTool || !why.toolCallId) {
          problems.push(
            `tool ${why.tool ?? "-"} ${why.toolCallId ?? "-"} (expected ${driver.editTool})`,
          );
        }
        const diff = (why.hunks as Json[] | undefined ?? []).flatMap((h) => h.lines as string[]);
        if (!diff.includes(`+${content}`)) problems.push(`diff without '+${content.trim()}'`);
        return problems.length === 0 || `${APP}:${at}: ${problems.join("; ")}`;
      },
    );
  if (ran("main")) await whyCheck("main", greet);
  if (ran("quiet")) await whyCheck("quiet", farewell[1]!);
}
