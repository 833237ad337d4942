/** The ids of every known session, for showing ids by their shortest unique prefix. */
import { type ShortId, shortIds } from "../core/session_id.ts";
import type { Repo } from "./repo.ts";
import { listIds, localDir, sharedDir } from "./store.ts";

/** Shows ids by their shortest prefix unique among the local and shared sessions and `shown`. */
export async function sessionShortIds(repo: Repo, shown: Iterable<string> = []): Promise<ShortId> {
  const shared = await sharedDir(repo);
  const [local, other] = await Promise.all([
    listIds(localDir(repo)),
    shared ? listIds(shared) : new Set<string>(),
  ]);
  return shortIds([...local, ...other, ...shown]);
}
