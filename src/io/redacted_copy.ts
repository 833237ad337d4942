/** Redacted copies of a session's files, with the user's `atrace.redact*` rules from git config. */
import { type Finding, redactJsonDocument, redactJsonl, redactText } from "../core/redact/apply.ts";
import { Detector } from "../core/redact/detect.ts";
import { git } from "./git.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { readBounded } from "./safe_path.ts";
import { eventsPath, type Ext, EXTENSIONS, sessionPath, type SessionRef } from "./store.ts";

/** One file of a session after redaction: where it came from, its new bytes and the findings. */
export interface RedactedFile {
  ext: Ext;
  source: string;
  data: Uint8Array;
  findings: Finding[];
}

async function configValues(repo: Repo, key: string): Promise<string[]> {
  const result = await git(["config", "--get-all", key], {
    cwd: gitCwd(repo),
    okCodes: [1],
  });
  return result.stdout.split("\n").filter((line) => line !== "");
}

/** A detector with `atrace.redact` (extra regexes) and `atrace.redactAllow` (exceptions). */
export async function loadDetector(repo: Repo): Promise<Detector> {
  const [rules, allow] = await Promise.all([
    configValues(repo, "atrace.redact"),
    configValues(repo, "atrace.redactAllow"),
  ]);
  return new Detector({ rules, allow });
}

/** Redacts text according to the kind of session file it came from. */
function redactByExt(text: string, ext: Ext, detector: Detector) {
  if (ext === ".jsonl" || ext === ".events") return redactJsonl(text, detector);
  if (ext === ".json") return redactJsonDocument(text, detector);
  return redactText(text, detector);
}

/** Every existing file of a session, redacted in memory (null: copied as is); sources are untouched. */
export async function redactSession(
  ref: SessionRef,
  detector: Detector | null,
): Promise<RedactedFile[]> {
  const out: RedactedFile[] = [];
  for (const ext of EXTENSIONS) {
    const source = ext === ".events" ? await eventsPath(ref) : sessionPath(ref.dir, ref.id, ext);
    const bytes = await readBounded(source);
    if (!bytes) continue;
    if (ext === ".timestamp" || detector === null) {
      out.push({ ext, source, data: bytes, findings: [] });
      continue;
    }
    const text = new TextDecoder().decode(bytes);
    const redacted = await redactByExt(text, ext, detector);
    const data = redacted.findings.length ? new TextEncoder().encode(redacted.text) : bytes;
    out.push({ ext, source, data, findings: redacted.findings });
  }
  return out;
}
