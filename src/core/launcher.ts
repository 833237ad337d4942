/**
 * The small scripts an install writes, and reading them back. A copy of git-atrace lives in its own
 * directory, `<prefix>/share/git-atrace/<version>/`, whose `git-atrace` runs it (the compiled binary,
 * or a runner starting the bundled JavaScript with Deno); the launchers on PATH (`git-atrace`,
 * `git-atrace-hook`, `git-atrace-commit-hook`) point at the current copy's `git-atrace`.
 */

/** What a launcher on PATH runs. */
export interface LauncherTarget {
  /** The version of the copy it runs. */
  version: string;
  /** The copy's `git-atrace` (binary or runner). */
  target: string;
}

/** The names installed on PATH, and whether each runs the hook. */
export const LAUNCHERS: readonly { name: string; hook: boolean }[] = [
  { name: "git-atrace", hook: false },
  { name: "git-atrace-hook", hook: true },
  { name: "git-atrace-commit-hook", hook: true },
];

const MARK = "git-atrace launcher (version ";

function shQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A POSIX sh launcher running `target`. When the copy is gone, a hook (`git-atrace-hook`, or
 * `git-atrace hook …` as the agents' configs call it) exits 0 in silence: a hook never fails the
 * agent; any other command says what to do.
 */
export function renderLauncher(version: string, target: string, hook: boolean): string {
  const missing = hook ? ['[ -x "$target" ] || exit 0'] : [
    'if [ ! -x "$target" ]; then',
    '  [ "${1:-}" = hook ] && exit 0',
    `  echo "fatal: git-atrace ${version} is no longer at $target; reinstall it" >&2`,
    "  exit 128",
    "fi",
  ];
  return [
    "#!/bin/sh",
    `# ${MARK}${version}), written by git-atrace's installer; runs:`,
    `target=${shQuote(target)}`,
    ...missing,
    `exec "$target"${hook ? " hook" : ""} "$@"`,
    "",
  ].join("\n");
}

/** A Windows launcher (`<name>.cmd`) running `target`. */
export function renderCmdLauncher(version: string, target: string, hook: boolean): string {
  return [
    "@echo off",
    `rem ${MARK}${version}), written by git-atrace's installer; runs:`,
    `set "target=${target}"`,
    `if not exist "%target%" ${
      hook ? "exit /b 0" : 'if "%~1"=="hook" (exit /b 0) else exit /b 128'
    }`,
    `"%target%"${hook ? " hook" : ""} %*`,
    "",
  ].join("\r\n");
}

/** The version and target of a launcher's text, or null when it is not one of ours. */
export function parseLauncher(text: string): LauncherTarget | null {
  const version = text.match(/git-atrace launcher \(version ([^)\s]+)\)/)?.[1];
  const sh = text.match(/^target='((?:[^']|'\\'')*)'$/m)?.[1]?.replaceAll(`'\\''`, "'");
  const cmd = text.match(/^set "target=([^"\r\n]*)"\r?$/m)?.[1];
  const target = sh ?? cmd;
  return version && target ? { version, target } : null;
}

/** Everything a runner needs to start the bundled git-atrace with Deno. */
export interface RunnerSpec {
  version: string;
  /** The copy's directory (holds `lib/main.js` and Deno's cache `deno/`). */
  dir: string;
  /** The Deno executable that installed it. */
  deno: string;
}

/** Deno's flags for the bundle: no deno.json, lock file, registry or network is consulted. */
const DENO_FLAGS = "run -A --quiet --no-config --no-lock --no-remote --no-npm --cached-only";

/**
 * The POSIX sh runner of a bundled copy. Deno reads `$HOME/.npmrc` before running anything and
 * stops on an unreadable one (HOME=/dev/null, a directory named .npmrc, a malformed registry), so
 * Deno gets this directory as HOME and its own cache here; `main.ts` gives the program the user's
 * HOME back from GIT_ATRACE_HOME. Without its Deno, a hook exits 0 in silence.
 */
export function renderRunner(spec: RunnerSpec): string {
  return [
    "#!/bin/sh",
    `# git-atrace ${spec.version}, bundled: runs lib/main.js with the Deno that installed it.`,
    `here=${shQuote(spec.dir)}`,
    `deno=${shQuote(spec.deno)}`,
    'if [ ! -x "$deno" ]; then',
    '  [ "${1:-}" = hook ] && exit 0',
    `  echo "fatal: git-atrace ${spec.version} needs $deno, which is gone; reinstall git-atrace" >&2`,
    "  exit 128",
    "fi",
    'GIT_ATRACE_HOME="${HOME-}" HOME="$here" DENO_DIR="$here/deno" DENO_NO_UPDATE_CHECK=1 \\',
    `  exec "$deno" ${DENO_FLAGS} "$here/lib/main.js" "$@"`,
    "",
  ].join("\n");
}

/** The Windows runner (`git-atrace.cmd`) of a bundled copy (Deno's home there is USERPROFILE). */
export function renderCmdRunner(spec: RunnerSpec): string {
  return [
    "@echo off",
    `rem git-atrace ${spec.version}, bundled: runs lib\\main.js with the Deno that installed it.`,
    "setlocal",
    `if not exist "${spec.deno}" if "%~1"=="hook" exit /b 0`,
    'set "GIT_ATRACE_HOME=%USERPROFILE%"',
    `set "USERPROFILE=${spec.dir}"`,
    `set "DENO_DIR=${spec.dir}\\deno"`,
    'set "DENO_NO_UPDATE_CHECK=1"',
    `"${spec.deno}" ${DENO_FLAGS} "${spec.dir}\\lib\\main.js" %*`,
    "",
  ].join("\r\n");
}
