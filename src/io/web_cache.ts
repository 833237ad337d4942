/** The web server's caches of sessions' conversations (and the prompts behind their tool calls). */
import { join } from "node:path";
import type { Message } from "../core/model.ts";
import { type CallPrompt, promptsByCall } from "../core/web_messages.ts";
import { lstatOrNull } from "./fs.ts";
import { eventsPath, readMeta, sessionPath, type SessionRef } from "./store.ts";
import { adapterFor, readMessages } from "./transcript_read.ts";

/** How many sessions' call prompts are kept: they are small, and a file's blame may need many. */
const PROMPT_ENTRIES = 512;

/** Messages of recently viewed sessions, kept while their files are unchanged. */
export class MessageCache {
  #entries = new Map<string, { key: string; messages: Message[] }>();
  #prompts = new Map<string, { key: string; prompts: Map<string, CallPrompt> }>();
  #size: number;
  constructor(size = 6) {
    this.#size = size;
  }

  /** The whole conversation of `ref`, read once per change of its files. */
  async get(ref: SessionRef): Promise<Message[]> {
    const name = join(ref.dir, ref.id);
    const key = await this.#key(ref);
    const hit = this.#entries.get(name);
    if (hit && hit.key === key) {
      this.#entries.delete(name);
      this.#entries.set(name, hit);
      return hit.messages;
    }
    const messages: Message[] = [];
    const meta = await readMeta(ref);
    for await (const m of readMessages(ref, adapterFor(meta), { skipped: 0 })) messages.push(m);
    this.#entries.set(name, { key, messages });
    evict(this.#entries, this.#size);
    return messages;
  }

  /** For each tool call of `ref`, the prompt that led to it; kept for many more sessions than
   * whole conversations, so that a file's blame does not read every transcript each time. */
  async callPrompts(ref: SessionRef): Promise<Map<string, CallPrompt>> {
    const name = join(ref.dir, ref.id);
    const key = await this.#key(ref);
    const hit = this.#prompts.get(name);
    if (hit && hit.key === key) return hit.prompts;
    const prompts = promptsByCall(await this.get(ref));
    this.#prompts.set(name, { key, prompts });
    evict(this.#prompts, PROMPT_ENTRIES);
    return prompts;
  }

  async #key(ref: SessionRef): Promise<string> {
    const stats = await Promise.all(
      [sessionPath(ref.dir, ref.id, ".jsonl"), await eventsPath(ref)].map(lstatOrNull),
    );
    return stats.map((s) => s ? `${s.size}:${s.mtime?.getTime()}` : "-").join("/");
  }
}

/** Drops the oldest entries of `map` beyond `size`. */
function evict(map: Map<string, unknown>, size: number): void {
  while (map.size > size) map.delete(map.keys().next().value!);
}
