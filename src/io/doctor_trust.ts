/** `doctor`'s checks of what the store and the notes may hold from outside: bad ranges, links. */
import { parseRecords } from "../core/agent_trace.ts";
import type { DroppedRange } from "../core/range_check.ts";
import type { Finding } from "./doctor_checks.ts";
import { RANGES_REF, readNotes } from "./notes.ts";
import { checkedRecords } from "./range_files.ts";
import type { Repo } from "./repo.ts";
import { sharedDir } from "./store.ts";

/** Invalid line ranges in the notes (every reader ignores them), and a refused share directory. */
export async function trustFindings(repo: Repo): Promise<Finding[]> {
  return [...await rangeFindings(repo), ...await shareDirFindings(repo)];
}

async function rangeFindings(repo: Repo): Promise<Finding[]> {
  const dropped: DroppedRange[] = [];
  for (const text of (await readNotes(repo, RANGES_REF)).values()) {
    await checkedRecords(repo, parseRecords(text, dropped), dropped);
  }
  if (!dropped.length) return [];
  const first = dropped[0]!;
  const at = first.revision ? ` at ${first.revision.slice(0, 7)}` : "";
  const n = dropped.length;
  return [{
    section: "Notes",
    level: "problem",
    text: `${n} line range${n === 1 ? "" : "s"} in ${RANGES_REF} ${
      n === 1 ? "is" : "are"
    } invalid and ignored; first: '${first.path}'${at} lines ${String(first.start)}-${
      String(first.end)
    } (${first.why})`,
    fix: "git atrace import or link again from a trusted source; ignored ranges do no harm",
  }];
}

async function shareDirFindings(repo: Repo): Promise<Finding[]> {
  try {
    await sharedDir(repo);
    return [];
  } catch (err) {
    return [{
      section: "Captures",
      level: "problem",
      text: err instanceof Error ? err.message : String(err),
      fix: "remove the link, or point atrace.sharedir at a directory in the work tree",
    }];
  }
}
