/** Redacted copies of a session's files, with the user's `atrace.redact*` rules from git config. */
import { type Finding, redactJsonDocument, redactJsonl, redactText } from "../core/redact/apply.ts";
import { Detector } from "../core/redact/detect.ts";
import {
  localizeJsonDocument,
  localizeJsonLine,
  localizeText,
  type PathContext,
} from "../core/localize.ts";
import { isOneDocument } from "../core/transcript_shape.ts";
import { lstatOrNull } from "./fs.ts";
import { readHead, readLineBatches } from "./line_reader.ts";
import { git } from "./git.ts";
import { gitCwd, type Repo } from "./repo.ts";
import { readBounded } from "./safe_path.ts";
import { eventsPath, type Ext, EXTENSIONS, sessionPath, type SessionRef } from "./store.ts";

/** One file of a session after redaction: where it came from, its new bytes and the findings. */
export interface RedactedFile {
  ext: Ext;
  source: string;
  data: Uint8Array[];
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

/** Lines redacted together (a batch of about 4 MiB of JSON Lines). */
const BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Every existing file of a session for sharing: redacted (unless `detector` is null), with the
 * sharer's paths made relative (see localize.ts, when `paths` is given); sources are untouched.
 * JSON Lines files are read and redacted in batches of lines, never as one string.
 */
export async function redactSession(
  ref: SessionRef,
  detector: Detector | null,
  paths?: PathContext,
): Promise<RedactedFile[]> {
  const out: RedactedFile[] = [];
  for (const ext of EXTENSIONS) {
    const source = ext === ".events" ? await eventsPath(ref) : sessionPath(ref.dir, ref.id, ext);
    const info = await lstatOrNull(source);
    if (!info) continue;
    if (ext === ".timestamp" || (detector === null && !paths)) {
      out.push({ ext, source, data: [(await readBounded(source))!], findings: [] });
    } else if (
      (ext === ".jsonl" || ext === ".events") && !isOneDocument(await readHead(source, 1 << 16))
    ) {
      out.push({ ext, source, ...(await redactLines(source, detector, paths)) });
    } else {
      const text = new TextDecoder().decode((await readBounded(source))!);
      const local = !paths
        ? text
        : ext === ".files"
        ? localizeText(text, paths)
        : localizeJsonDocument(text, paths);
      const redacted = detector
        ? await redactWhole(local, ext, detector)
        : { text: local, findings: [] };
      out.push({ ext, source, data: [encoder.encode(redacted.text)], findings: redacted.findings });
    }
  }
  return out;
}

const encoder = new TextEncoder();

async function redactWhole(text: string, ext: Ext, detector: Detector) {
  if (ext === ".jsonl" || ext === ".events" || ext === ".json") {
    return await redactJsonDocument(text, detector);
  }
  return await redactText(text, detector);
}

/** A JSON Lines file redacted (and localized) batch by batch; finding lines count from the top. */
async function redactLines(
  source: string,
  detector: Detector | null,
  paths: PathContext | undefined,
): Promise<{ data: Uint8Array[]; findings: Finding[] }> {
  const data: Uint8Array[] = [];
  const findings: Finding[] = [];
  let pending: string[] = [];
  let size = 0;
  let offset = 0;
  const flush = async () => {
    if (!pending.length) return;
    const text = pending.join("\n");
    const redacted = detector ? await redactJsonl(text, detector) : { text, findings: [] };
    for (const f of redacted.findings) findings.push({ ...f, line: f.line + offset });
    data.push(encoder.encode(redacted.text + "\n"));
    offset += pending.length;
    pending = [];
    size = 0;
  };
  for await (const batch of readLineBatches(source)) {
    for (const line of batch.lines) {
      pending.push(paths ? localizeJsonLine(line, paths) : line);
      size += line.length;
      if (size >= BATCH_CHARS) await flush();
    }
  }
  await flush();
  return { data, findings };
}
