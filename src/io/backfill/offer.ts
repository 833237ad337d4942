/** The line `install` ends with when the agents' stores hold earlier sessions of this repository. */
import { adapterByName } from "../../agents/registry.ts";
import type { Context } from "../context.ts";
import type { Repo } from "../repo.ts";
import { countNew } from "./run.ts";

/** Offers `backfill` when `agents` (names as install knows them) have sessions of `repo` that the
 * store lacks. */
export async function offerBackfill(repo: Repo, agents: string[], ctx: Context): Promise<void> {
  const known = agents.flatMap((a) => adapterByName(a)?.name ?? []);
  const count = await countNew(repo, known).catch(() => 0);
  if (!count) return;
  const sessions = count === 1 ? "1 earlier session" : `${count} earlier sessions`;
  await ctx.stdout.write(
    `${sessions} of this repository found; run \`git atrace backfill\` to link them\n`,
  );
}
