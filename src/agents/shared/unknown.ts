/** Counting the records a transcript parser skips because it does not know their type (a newer
 * agent version's format shows here first). */

/** Counts of skipped record types, by type. */
export class UnknownTypes {
  #counts: Record<string, number> = {};

  /** Counts `type` when it is a string not in `known` (nor starting with one of `prefixes`). */
  note(type: unknown, known: ReadonlySet<string>, prefixes: readonly string[] = []): void {
    if (typeof type !== "string" || known.has(type) || prefixes.some((p) => type.startsWith(p))) {
      return;
    }
    this.#counts[type] = (this.#counts[type] ?? 0) + 1;
  }

  /** The counts so far. */
  counts(): Record<string, number> {
    return { ...this.#counts };
  }
}
