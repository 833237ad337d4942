/**
 * A committer for git-atrace's own notes commits when git has none (a fresh machine, an agent's
 * shell, CI): `git notes add` needs an author and a committer, and fails without them. Only the parts
 * the user has not set (in the environment or in any git config) are lent, so the user's identity
 * always wins.
 */
import { gitRaw } from "./git.ts";

/** The name and email lent to notes commits when git knows none. */
export const LENT_NAME = "git-atrace";
/** The email lent to notes commits when git knows none. */
export const LENT_EMAIL = "git-atrace@localhost";

const cache = new Map<string, Promise<Record<string, string>>>();

/**
 * Environment for a git command in `cwd` that writes a commit: empty when git already has an
 * identity, else the missing GIT_{AUTHOR,COMMITTER}_{NAME,EMAIL}. Asked once per process and repo.
 */
export function commitIdentity(cwd: string): Promise<Record<string, string>> {
  let found = cache.get(cwd);
  if (!found) {
    found = lend(cwd);
    cache.set(cwd, found);
  }
  return found;
}

async function lend(cwd: string): Promise<Record<string, string>> {
  const idents = await Promise.all(
    ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"].map((v) => gitRaw(["var", v], { cwd })),
  );
  if (idents.every((r) => r.code === 0)) return {};
  const listed = await gitRaw(
    ["config", "--get-regexp", "^(user|author|committer)\\.(name|email)$"],
    { cwd },
  );
  const configured = new Set(
    listed.stdout.split("\n").filter(Boolean).map((line) => line.split(" ")[0]!.toLowerCase()),
  );
  const lent: Record<string, string> = {};
  for (const role of ["author", "committer"]) {
    for (const [part, value] of [["name", LENT_NAME], ["email", LENT_EMAIL]] as const) {
      const variable = `GIT_${role.toUpperCase()}_${part.toUpperCase()}`;
      const set = Deno.env.get(variable) || configured.has(`${role}.${part}`) ||
        configured.has(`user.${part}`);
      if (!set) lent[variable] = value;
    }
  }
  return lent;
}
