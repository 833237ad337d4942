/** The one version string, read from deno.json. */
import config from "../deno.json" with { type: "json" };

/** git-atrace's version. */
export const VERSION: string = config.version;

/** `git-atrace version X (deno Y, target)`. */
export function versionLine(): string {
  return `git-atrace version ${VERSION} (deno ${Deno.version.deno}, ${Deno.build.target})`;
}
