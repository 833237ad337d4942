/** Reading a session and rendering it, redacted, as one HTML page. */
import { renderSessionHtml } from "../core/html_session.ts";
import { localizeValue, type PathContext } from "../core/localize.ts";
import type { Message } from "../core/model.ts";
import { redactValue } from "../core/redact/apply.ts";
import type { Detector } from "../core/redact/detect.ts";
import { VERSION } from "../version.ts";
import { readMeta, type SessionRef } from "./store.ts";
import { adapterFor, readMessages, type ReadStats } from "./transcript_read.ts";

/**
 * The session's page; every message and the metadata are redacted, and the sharer's paths made
 * relative (see localize.ts), before rendering.
 */
export async function sessionHtml(
  ref: SessionRef,
  detector: Detector,
  paths: PathContext,
): Promise<string> {
  const meta = await readMeta(ref);
  const stats: ReadStats = { skipped: 0 };
  const messages: Message[] = [];
  for await (const message of readMessages(ref, adapterFor(meta), stats)) messages.push(message);
  const redacted = await redactValue(localizeValue({ meta, messages }, paths), detector);
  return renderSessionHtml({
    id: ref.id,
    meta: redacted.value.meta,
    messages: redacted.value.messages,
    version: VERSION,
    findings: redacted.findings.length,
  });
}
