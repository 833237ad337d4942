/** The original bash tool's export (`version: "0.1"`, the session id as record id) mapped to 0.1.0. */
import { createHash } from "node:crypto";
import { SESSION_URL } from "./agent_trace.ts";
import { isObject } from "./import_validate.ts";
import { isValidSessionId } from "./session_id.ts";

/** The original's placeholder model (it never read Claude Code's real one). */
const PLACEHOLDER_MODEL = "anthropic/claude";

/** True for a record the original tool exported: tool git-atrace, version "0.1". */
export function isUpstreamExport(value: unknown): value is Record<string, unknown> {
  return isObject(value) && value.version === "0.1" && isObject(value.tool) &&
    value.tool.name === "git-atrace";
}

function uuidFrom(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `value` as an Agent Trace 0.1.0 record, and what was changed to get there (for the user). */
export function mapUpstreamExport(
  value: Record<string, unknown>,
): { record: Record<string, unknown>; mapped: string[] } {
  const mapped = ['version "0.1" read as "0.1.0"'];
  const record: Record<string, unknown> = structuredClone(value);
  record.version = "0.1.0";
  const id = typeof value.id === "string" ? value.id : "";
  const vcs = isObject(value.vcs) ? value.vcs : null;
  const revision = typeof vcs?.revision === "string" ? vcs.revision : "";
  if (isValidSessionId(id)) {
    record.id = uuidFrom(`git-atrace 0.1\0${id}\0${revision}`);
    mapped.push(`its id '${id}' is the session id; the record got id ${record.id}`);
  }
  if (vcs && !revision) {
    delete record.vcs;
    mapped.push("empty vcs.revision dropped");
  }
  const files = Array.isArray(value.files) ? value.files.filter(isObject) : [];
  const inRepo = files.filter((f) => typeof f.path === "string" && !f.path.startsWith("/"));
  if (inRepo.length < files.length) {
    mapped.push(`${files.length - inRepo.length} file(s) outside the repository skipped`);
  }
  const models = new Set<string>();
  record.files = inRepo.map((file) => ({
    ...file,
    conversations: (Array.isArray(file.conversations) ? file.conversations : []).map((c) => {
      const conversation = isObject(c) ? { ...c } : {};
      if (isValidSessionId(id)) conversation.url ??= SESSION_URL + id;
      conversation.ranges = (Array.isArray(conversation.ranges) ? conversation.ranges : []).map(
        (r) => {
          if (!isObject(r) || !isObject(r.contributor)) return r;
          const contributor = { ...r.contributor };
          if (contributor.model_id === null || contributor.model_id === PLACEHOLDER_MODEL) {
            models.add(String(contributor.model_id));
            delete contributor.model_id;
          }
          return { ...r, contributor };
        },
      );
      return conversation;
    }),
  }));
  if (models.size) {
    mapped.push(
      `model_id ${[...models].join(" and ")} dropped (the original tool did not know the model)`,
    );
  }
  mapped.push("each file's range is the whole file, as the original tool recorded it");
  return { record, mapped };
}
