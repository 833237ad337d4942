/** Seeded source text for the fidelity bench: Python functions whose lines are plausible and varied. */

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same history. */
export class Rng {
  constructor(private state: number) {}

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = () => this.int(0, 15).toString(16);
    const part = (n: number) => Array.from({ length: n }, hex).join("");
    return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
  }
}

const VERBS = ["load", "parse", "merge", "score", "render", "sync", "index", "prune", "check"];
const NOUNS = ["orders", "users", "events", "tokens", "rows", "pages", "files", "tags", "plans"];
const FIELDS = ["total", "count", "weight", "size", "rank", "cost", "age", "depth", "limit"];

/** A function of `size` body lines (blank lines inside included), indented by `indent`. */
export function pyFunction(rng: Rng, size: number, indent = ""): string[] {
  const verb = rng.pick(VERBS);
  const noun = rng.pick(NOUNS);
  const name = `${verb}_${noun}_${rng.int(10, 999)}`;
  const out = [`${indent}def ${name}(${noun}, limit=${rng.int(2, 90)}):`];
  out.push(`${indent}    """${verb[0]!.toUpperCase()}${verb.slice(1)} the ${noun}."""`);
  let acc = `${rng.pick(FIELDS)}_${rng.int(1, 99)}`;
  out.push(`${indent}    ${acc} = ${rng.int(0, 9)}`);
  while (out.length < size) {
    const kind = rng.int(0, 6);
    const field = rng.pick(FIELDS);
    if (kind === 0 && out.length + 3 <= size) {
      out.push(`${indent}    for item in ${noun}:`);
      out.push(`${indent}        ${acc} += item.${field} * ${rng.int(2, 9)}`);
      out.push("");
    } else if (kind === 1 && out.length + 2 <= size) {
      out.push(`${indent}    if ${acc} > limit * ${rng.int(2, 40)}:`);
      out.push(`${indent}        return ${acc} - ${rng.int(1, 500)}`);
    } else if (kind === 5 && out.length + 3 <= size) {
      // Lines every codebase repeats: they must not be credited to whoever wrote one like them.
      out.push(`${indent}    if not ${noun}:`);
      out.push(`${indent}        return None`);
      out.push(`${indent}    result = []`);
    } else if (kind === 2) {
      const next = `${field}_${rng.int(100, 999)}`;
      out.push(`${indent}    ${next} = ${acc} // ${rng.int(2, 17)} + len(${noun})`);
      acc = next;
    } else {
      out.push(`${indent}    ${acc} = max(${acc}, ${rng.int(3, 999)}) + ${rng.int(1, 77)}`);
    }
  }
  out.length = size;
  if (out.at(-1) === "") out[size - 1] = `${indent}    ${acc} += ${rng.int(1, 9)}`;
  out.push(`${indent}    return ${acc}`);
  return out;
}

/** A module: a docstring, an import and `functions` functions separated by two blank lines. */
export function pyModule(rng: Rng, title: string, functions: number, size: number): string[] {
  const out = [`"""${title}."""`, `import ${rng.pick(["os", "json", "math", "re"])}`];
  for (let i = 0; i < functions; i++) out.push("", "", ...pyFunction(rng, size));
  return out;
}
