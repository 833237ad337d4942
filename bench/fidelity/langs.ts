/**
 * Seeded TypeScript, Go and YAML for the second fidelity scenario: functions with the stock lines
 * every codebase repeats (`}`, `return nil`, `if err != nil {`, `enabled: true`), written by persons
 * and agents alike.
 */
import type { Rng } from "./code.ts";

const VERBS = ["load", "fetch", "merge", "rank", "render", "flush", "index", "trim", "audit"];
const NOUNS = ["Orders", "Users", "Events", "Tokens", "Rows", "Pages", "Jobs", "Tags", "Plans"];
const FIELDS = ["total", "count", "weight", "size", "score", "cost", "age", "depth", "budget"];

/** A TypeScript function of about `size` lines (closing brace included). */
export function tsFunction(rng: Rng, size: number): string[] {
  const noun = rng.pick(NOUNS);
  const name = `${rng.pick(VERBS)}${noun}${rng.int(10, 999)}`;
  let acc = `${rng.pick(FIELDS)}${rng.int(1, 99)}`;
  const out = [
    `export function ${name}(items: ${noun.slice(0, -1)}[], limit = ${rng.int(2, 90)}): number {`,
    `  let ${acc} = ${rng.int(0, 9)};`,
  ];
  while (out.length < size - 2) {
    const kind = rng.int(0, 5);
    const field = rng.pick(FIELDS);
    if (kind === 0 && out.length + 3 <= size - 2) {
      out.push(`  for (const item of items) {`);
      out.push(`    ${acc} += item.${field} * ${rng.int(2, 9)};`);
      out.push(`  }`);
    } else if (kind === 1 && out.length + 3 <= size - 2) {
      // Stock lines: persons and agents both write them.
      out.push(`  if (!items.length) {`);
      out.push(`    return 0;`);
      out.push(`  }`);
    } else if (kind === 2) {
      const next = `${field}${rng.int(100, 999)}`;
      out.push(`  const ${next} = Math.floor(${acc} / ${rng.int(2, 17)}) + items.length;`);
      acc = next;
    } else if (kind === 3) {
      out.push(`  if (${acc} > limit * ${rng.int(2, 40)}) return ${acc} - ${rng.int(1, 500)};`);
    } else {
      out.push(`  ${acc} = Math.max(${acc}, ${rng.int(3, 999)}) + ${rng.int(1, 77)};`);
    }
  }
  out.push(`  return ${acc};`, "}");
  return out;
}

/** A TypeScript module: a doc comment, an import and functions separated by blank lines. */
export function tsModule(rng: Rng, title: string, functions: number, size: number): string[] {
  const from = rng.pick(["./db.ts", "./types.ts", "./log.ts"]);
  const out = [`/** ${title}. */`, `import type { Context } from "${from}";`];
  for (let i = 0; i < functions; i++) out.push("", ...tsFunction(rng, size));
  return out;
}

/** A Go method of about `size` lines, with the error checks Go repeats everywhere. */
export function goFunction(rng: Rng, size: number): string[] {
  const noun = rng.pick(NOUNS);
  const name = `${rng.pick(VERBS)[0]!.toUpperCase()}${rng.pick(VERBS).slice(1)}${noun}${
    rng.int(10, 999)
  }`;
  let acc = `${rng.pick(FIELDS)}${rng.int(1, 99)}`;
  const out = [
    `func (s *Store) ${name}(ctx context.Context, limit int) (int, error) {`,
    `\t${acc} := ${rng.int(0, 9)}`,
  ];
  while (out.length < size - 2) {
    const kind = rng.int(0, 5);
    const field = rng.pick(FIELDS);
    if (kind <= 1 && out.length + 4 <= size - 2) {
      out.push(
        `\trows, err := s.db.QueryContext(ctx, "SELECT ${field} FROM ${noun.toLowerCase()}")`,
      );
      out.push(`\tif err != nil {`);
      out.push(`\t\treturn 0, err`);
      out.push(`\t}`);
    } else if (kind === 2 && out.length + 3 <= size - 2) {
      out.push(`\tfor i := 0; i < limit; i++ {`);
      out.push(`\t\t${acc} += i * ${rng.int(2, 9)}`);
      out.push(`\t}`);
    } else if (kind === 3) {
      const next = `${field}${rng.int(100, 999)}`;
      out.push(`\t${next} := ${acc}/${rng.int(2, 17)} + limit`);
      acc = next;
    } else {
      out.push(`\t${acc} = max(${acc}, ${rng.int(3, 999)}) + ${rng.int(1, 77)}`);
    }
  }
  out.push(`\treturn ${acc}, nil`, "}");
  return out;
}

/** A Go file of the `store` package: imports and methods separated by blank lines. */
export function goModule(rng: Rng, functions: number, size: number): string[] {
  const out = [`// Package store keeps ${rng.pick(NOUNS).toLowerCase()}.`, "package store", ""];
  out.push("import (", '\t"context"', '\t"database/sql"', ")", "");
  out.push("// Store wraps the database.", "type Store struct {", "\tdb *sql.DB", "}");
  for (let i = 0; i < functions; i++) out.push("", ...goFunction(rng, size));
  return out;
}

/** A YAML block under `key` (at `indent`), with stock lines (`enabled: true`, `replicas: 2`). */
export function yamlBlock(rng: Rng, key: string, size: number, indent = ""): string[] {
  const out = [`${indent}${key}:`];
  const stock = [`${indent}  enabled: true`, `${indent}  replicas: 2`];
  while (out.length < size) {
    const kind = rng.int(0, 4);
    if (kind <= 1 && stock.length) out.push(stock.shift()!);
    else if (kind === 2 && out.length + 3 <= size) {
      out.push(`${indent}  ${rng.pick(FIELDS)}_${rng.int(10, 99)}:`);
      out.push(`${indent}    - name: ${rng.pick(NOUNS).toLowerCase()}-${rng.int(100, 999)}`);
      out.push(`${indent}      weight: ${rng.int(1, 99)}`);
    } else {
      out.push(`${indent}  ${rng.pick(FIELDS)}_${rng.int(100, 999)}: ${rng.int(1, 9999)}`);
    }
  }
  return out.slice(0, size);
}
