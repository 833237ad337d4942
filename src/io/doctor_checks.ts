/** The checks of `git atrace doctor`: agent hooks, their binary, recent captures, git hooks, notes config. */
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { INSTALL_SPECS } from "../agents/registry.ts";
import { CommandError } from "../core/errors.ts";
import { VERSION } from "../version.ts";
import { captureQualityFindings } from "./doctor_captures.ts";
import { readTextOrNull, statOrNull } from "./fs.ts";
import { git } from "./git.ts";
import { readLauncher } from "./install_copy.ts";
import { configPath, setupState } from "./install_files.ts";
import { display } from "./install_run.ts";
import { rewriteGaps } from "./git_hooks.ts";
import { gitCwd, type Repo, traceDir } from "./repo.ts";
import { listLocalSessions, listSessions } from "./store.ts";
import { trustFindings } from "./doctor_trust.ts";

/** One finding: fine, informational, or a problem with the command that fixes it. */
export interface Finding {
  section: string;
  level: "ok" | "info" | "problem";
  text: string;
  fix?: string;
}

const DAY_MS = 86_400_000;
const GIT_HOOK_MARK = "installed by git atrace init";

/** Every finding for `repo`, in report order. */
export async function runChecks(repo: Repo, now: Date): Promise<Finding[]> {
  const agents = await agentFindings(repo);
  return [
    ...agents.findings,
    ...await binaryFindings(agents.commands),
    ...await captureFindings(repo, now, agents.setUp),
    ...await captureQualityFindings(repo, now),
    ...await gitHookFindings(repo),
    ...await notesFindings(repo),
    ...await trustFindings(repo),
  ];
}

async function agentFindings(repo: Repo) {
  const findings: Finding[] = [];
  const commands = new Set<string>();
  const setUp = new Set<string>();
  for (const spec of INSTALL_SPECS) {
    for (const global of [false, true]) {
      const path = configPath(spec, repo.root, global);
      if (!path) continue;
      const { state, commands: found } = await setupState(spec, path);
      const where = display(path, repo.root, global);
      const flag = global ? " --global" : "";
      found.forEach((c) => commands.add(c));
      if (state === "installed") {
        setUp.add(spec.agent);
        findings.push({
          section: "Agents",
          level: "ok",
          text: `${spec.agent}: set up in ${where}`,
        });
      } else if (state === "partial") {
        setUp.add(spec.agent);
        findings.push({
          section: "Agents",
          level: "problem",
          text: `${spec.agent}: only some hooks are set up in ${where}`,
          fix: `git atrace install ${spec.agent}${flag}`,
        });
      } else if (state === "malformed") {
        findings.push({
          section: "Agents",
          level: "problem",
          text: `${spec.agent}: ${where} is not valid JSON`,
          fix: `fix the JSON in ${where}, then: git atrace install ${spec.agent}${flag}`,
        });
      }
    }
  }
  if (!setUp.size) {
    findings.push({
      section: "Agents",
      level: "problem",
      text: "no agent is set up to call git-atrace",
      fix: "git atrace install <agent>   (list them with: git atrace install)",
    });
  }
  return { findings, commands, setUp };
}

async function binaryFindings(commands: Set<string>): Promise<Finding[]> {
  const binaries = new Set([...commands].map((c) => c.trim().split(/\s+/)[0]!).filter(Boolean));
  const findings: Finding[] = [];
  for (const binary of binaries) {
    const found = await which(binary);
    findings.push(
      found ? await copyFinding(binary, found) : {
        section: "Hook binary",
        level: "problem",
        text: `the hooks run '${binary}', which is not ${
          isAbsolute(binary) ? "an executable file" : "on PATH"
        }`,
        fix: "deno task install   (or put git-atrace on your PATH)",
      },
    );
  }
  return findings;
}

/** Which copy of git-atrace a hook command found at `path` runs (path and version). */
async function copyFinding(binary: string, path: string): Promise<Finding> {
  const launcher = await readLauncher(path);
  if (!launcher) return { section: "Hook binary", level: "ok", text: `${binary}: ${path}` };
  const runs = `git-atrace ${launcher.version} from ${dirname(launcher.target)}`;
  if (!await statOrNull(launcher.target).catch(() => null)) {
    return {
      section: "Hook binary",
      level: "problem",
      text: `${binary}: ${path} runs ${runs}, which is gone (hooks do nothing)`,
      fix: "deno task install   (in a clone of git-atrace), or install.sh",
    };
  }
  const other = launcher.version === VERSION ? "" : ` (this is git-atrace ${VERSION})`;
  return { section: "Hook binary", level: "ok", text: `${binary}: ${path} → ${runs}${other}` };
}

/** The executable `name` resolves to (through PATH, and PATHEXT on Windows, unless it has a
 * directory part), or null. */
async function which(name: string): Promise<string | null> {
  const windows = Deno.build.os === "windows";
  const exts = windows ? ["", ...(Deno.env.get("PATHEXT") ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  const dirs = /[/\\]/.test(name)
    ? [""]
    : (Deno.env.get("PATH") ?? "").split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const ext of exts) {
      const path = dir ? join(dir, name + ext) : resolve(name + ext);
      const info = await statOrNull(path).catch(() => null);
      if (info?.isFile && (windows || info.mode === null || (info.mode & 0o111) !== 0)) return path;
    }
  }
  return null;
}

async function captureFindings(repo: Repo, now: Date, setUp: Set<string>): Promise<Finding[]> {
  // A refused share directory is reported by trustFindings; the local sessions still count.
  const sessions = await listSessions(repo).catch(async (err) => {
    if (err instanceof CommandError) return await listLocalSessions(repo);
    throw err;
  });
  const findings: Finding[] = [];
  const recent = sessions.filter((s) =>
    s.timestamp && now.getTime() - Date.parse(s.timestamp) <= 7 * DAY_MS
  );
  if (!sessions.length) {
    findings.push({
      section: "Captures",
      level: setUp.size ? "info" : "problem",
      text: "no session captured in this repository yet",
      ...(setUp.size ? {} : { fix: "git atrace install <agent>" }),
    });
  } else {
    const last = sessions[0]!;
    const agent = last.meta?.agent ? ` (${last.meta.agent})` : "";
    findings.push({
      section: "Captures",
      level: recent.length ? "ok" : "info",
      text:
        `${sessions.length} session${sessions.length === 1 ? "" : "s"}, ${recent.length} in the ` +
        `last 7 days; last capture ${last.timestamp ?? "unknown"}${agent}`,
    });
  }
  for (const agent of setUp) {
    if (!sessions.some((s) => s.meta?.agent === agent)) {
      findings.push({ section: "Captures", level: "info", text: `${agent}: no capture yet` });
    }
  }
  const log = await readTextOrNull(join(traceDir(repo), "log"));
  const failures = (log ?? "").split("\n").filter(Boolean);
  if (failures.length) {
    findings.push({
      section: "Captures",
      level: "problem",
      text: `${failures.length} hook failure${failures.length === 1 ? "" : "s"} logged; last: ` +
        failures.at(-1)!,
      fix: `read ${join(traceDir(repo), "log")}, then remove it`,
    });
  }
  return findings;
}

async function gitHookFindings(repo: Repo): Promise<Finding[]> {
  const cwd = gitCwd(repo);
  const dir = resolve(
    cwd,
    (await git(["rev-parse", "--git-path", "hooks"], { cwd })).stdout.trim(),
  );
  const findings: Finding[] = [];
  for (const name of ["post-commit", "post-rewrite"]) {
    const text = await readTextOrNull(join(dir, name));
    findings.push(
      text?.includes(GIT_HOOK_MARK)
        ? { section: "Git hooks", level: "ok", text: `${name} hook installed` }
        : {
          section: "Git hooks",
          level: "problem",
          text: name === "post-commit"
            ? "no post-commit safety net: commits the agent hooks miss are not linked"
            : "no post-rewrite hook: amended and rebased commits lose their links",
          fix: "git atrace init",
        },
    );
  }
  return findings;
}

async function notesFindings(repo: Repo): Promise<Finding[]> {
  const gaps = await rewriteGaps(repo);
  const missing = gaps.refs;
  // Unset switches default to true in git; only an explicit false loses notes.
  const off = Object.entries(gaps.keys).filter(([, value]) => value === "false").map(([key]) =>
    key
  );
  if (!missing.length && !off.length) {
    return [{ section: "Notes", level: "ok", text: "notes follow amend and rebase" }];
  }
  const what = [
    ...missing.map((r) => `notes.rewriteRef lacks ${r}`),
    ...off.map((k) => `${k} is false`),
  ];
  return [{
    section: "Notes",
    level: "problem",
    text: `${what.join("; ")}: links are lost when commits are rewritten`,
    fix: "git atrace init",
  }];
}
