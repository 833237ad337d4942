/** Reading a session and rendering it, redacted, as one HTML page. */
import { renderSessionHtml } from "../core/html_session.ts";
import type { Message } from "../core/model.ts";
import { redactValue } from "../core/redact/apply.ts";
import type { Detector } from "../core/redact/detect.ts";
import { VERSION } from "../version.ts";
import { readMeta, type SessionRef } from "./store.ts";
import { adapterFor, readMessages, type ReadStats } from "./transcript_read.ts";

/** The session's page; every message and the metadata are redacted before rendering. */
export async function sessionHtml(ref: SessionRef, detector: Detector): Promise<string> {
  const meta = await readMeta(ref);
  const stats: ReadStats = { skipped: 0 };
  const messages: Message[] = [];
  for await (const message of readMessages(ref, adapterFor(meta), stats)) messages.push(message);
  const redacted = await redactValue({ meta, messages }, detector);
  return renderSessionHtml({
    id: ref.id,
    meta: redacted.value.meta,
    messages: redacted.value.messages,
    version: VERSION,
    findings: redacted.findings.length,
  });
}
