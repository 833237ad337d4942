/**
 * What the web server keeps of sessions' conversations: their message counts and the prompts
 * behind their tool calls, per version of their files. Pages are read from the transcript on
 * demand (reading stops after the page), so memory stays bounded whatever a transcript's size.
 */
import { join } from "node:path";
import type { Message } from "../core/model.ts";
import { type CallPrompt, clipText, promptsByCall } from "../core/web_messages.ts";
import { lstatOrNull } from "./fs.ts";
import { eventsPath, readMeta, sessionPath, type SessionRef } from "./store.ts";
import { adapterFor, readMessages, refreshSession } from "./transcript_read.ts";

/** How many sessions' call prompts are kept: they are small, and a file's blame may need many. */
const PROMPT_ENTRIES = 512;
/** How many sessions' counts, and how many pages, are kept. */
const COUNT_ENTRIES = 64;
const PAGE_ENTRIES = 16;

/** Counts, pages and call prompts of recently viewed sessions, kept while their files are unchanged. */
export class MessageCache {
  #counts = new Map<string, { key: string; total: number }>();
  #pages = new Map<string, Message[]>();
  #prompts = new Map<string, { key: string; prompts: Map<string, CallPrompt> }>();

  /** How many messages `ref` has. */
  async count(ref: SessionRef): Promise<number> {
    const name = join(ref.dir, ref.id);
    await refreshSession(ref);
    const key = await this.#key(ref);
    const hit = this.#counts.get(name);
    if (hit?.key === key) return hit.total;
    let total = 0;
    for await (const _ of await this.#messages(ref)) total++;
    remember(this.#counts, name, { key, total }, COUNT_ENTRIES);
    return total;
  }

  /** Messages `offset` to `offset + limit` (fewer at the end). */
  async page(ref: SessionRef, offset: number, limit: number): Promise<Message[]> {
    const name = `${join(ref.dir, ref.id)}\0${await this.#key(ref)}\0${offset}\0${limit}`;
    const hit = this.#pages.get(name);
    if (hit) return hit;
    const out: Message[] = [];
    let i = 0;
    for await (const message of await this.#messages(ref)) {
      if (i++ < offset) continue;
      out.push(message);
      if (out.length >= limit) break;
    }
    remember(this.#pages, name, out, PAGE_ENTRIES);
    return out;
  }

  /** The index of the tool message with `callId`, or -1. */
  async callIndex(ref: SessionRef, callId: string): Promise<number> {
    let i = 0;
    for await (const message of await this.#messages(ref)) {
      if (message.kind === "tool" && message.callId === callId) return i;
      i++;
    }
    return -1;
  }

  /** For each tool call of `ref`, the prompt that led to it; kept for many more sessions than
   * pages, so that a file's blame does not read every transcript each time. */
  async callPrompts(ref: SessionRef): Promise<Map<string, CallPrompt>> {
    const name = join(ref.dir, ref.id);
    const key = await this.#key(ref);
    const hit = this.#prompts.get(name);
    if (hit && hit.key === key) return hit.prompts;
    // Only prompts (clipped) and tool calls are kept while reading: the rest may be large.
    const light: Message[] = [];
    for await (const message of await this.#messages(ref)) {
      if (message.kind === "prompt") light.push({ ...message, text: clipText(message.text, 2000) });
      else if (message.kind === "tool") light.push({ ...message, files: [] });
    }
    const prompts = promptsByCall(light);
    remember(this.#prompts, name, { key, prompts }, PROMPT_ENTRIES);
    return prompts;
  }

  async #messages(ref: SessionRef): Promise<AsyncGenerator<Message>> {
    return readMessages(ref, adapterFor(await readMeta(ref)), { skipped: 0 });
  }

  async #key(ref: SessionRef): Promise<string> {
    const stats = await Promise.all(
      [sessionPath(ref.dir, ref.id, ".jsonl"), await eventsPath(ref)].map(lstatOrNull),
    );
    return stats.map((s) => s ? `${s.size}:${s.mtime?.getTime()}` : "-").join("/");
  }
}

/** Sets `name` in `map`, most recent last, dropping the oldest entries beyond `size`. */
function remember<T>(map: Map<string, T>, name: string, value: T, size: number): void {
  map.delete(name);
  map.set(name, value);
  while (map.size > size) map.delete(map.keys().next().value!);
}
