/** "Did you mean": git's message for an unknown command, with its way of finding similar ones. */

/** Below this (weighted edit distance + 1), a command counts as similar, as in git's help.c. */
const SIMILARITY_FLOOR = 7;

/**
 * git's weighted Damerau-Levenshtein distance (levenshtein.c): swapping two neighbours costs `w`,
 * a substitution `s`, an insertion `a`, a deletion `d`.
 */
export function levenshtein(from: string, to: string, w: number, s: number, a: number, d: number) {
  let row0: number[] = new Array(to.length + 1).fill(0);
  let row1: number[] = Array.from({ length: to.length + 1 }, (_, j) => j * a);
  let row2: number[] = new Array(to.length + 1).fill(0);
  for (let i = 0; i < from.length; i++) {
    row2[0] = (i + 1) * d;
    for (let j = 0; j < to.length; j++) {
      let cost = row1[j]! + s * (from[i] === to[j] ? 0 : 1);
      if (i > 0 && j > 0 && from[i - 1] === to[j] && from[i] === to[j - 1]) {
        cost = Math.min(cost, row0[j - 1]! + w);
      }
      cost = Math.min(cost, row1[j + 1]! + d, row2[j]! + a);
      row2[j + 1] = cost;
    }
    [row0, row1, row2] = [row1, row2, row0];
  }
  return row1[to.length]!;
}

/** The commands most similar to `typed` (git's weights; a command `typed` begins counts most). */
export function similarCommands(typed: string, names: string[]): string[] {
  const scored = names.map((name) => ({
    name,
    score: name.startsWith(typed) ? 0 : levenshtein(typed, name, 0, 2, 1, 3) + 1,
  }));
  const best = Math.min(...scored.map((c) => c.score));
  if (!(best < SIMILARITY_FLOOR)) return [];
  return scored.filter((c) => c.score === best).map((c) => c.name);
}

/** What git prints for an unknown command, naming the similar ones. */
export function unknownCommandMessage(typed: string, names: string[]): string {
  const head = `git: '${typed}' is not a git atrace command. See 'git atrace help'.\n`;
  const similar = similarCommands(typed, names);
  if (!similar.length) return head;
  const which = similar.length === 1
    ? "The most similar command is"
    : "The most similar commands are";
  return `${head}\n${which}\n${similar.map((n) => `\t${n}\n`).join("")}`;
}
