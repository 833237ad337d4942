// deno-lint-ignore-file no-console
/**
 * `deno task bench` (and `deno run -A bench/fidelity.ts`): precision and recall of `blame` per step
 * of a scripted history, with the one-command setup and with only the agents' hooks installed.
 */
import type { Row } from "./lib.ts";
import { runScenario, type Setup, type StepScore } from "./fidelity/scenario.ts";
import { precision, recall } from "./fidelity/truth.ts";
import { World } from "./fidelity/world.ts";

const TARGETS: Record<Setup, { precision: number; recall: number }> = {
  "one-command": { precision: 0.98, recall: 0.95 },
  "agent hooks only": { precision: 0.90, recall: 0.90 },
};

/** Runs the scenario in both setups; prints the per-step table and returns one row per setup. */
export async function benchFidelity(seed = 7): Promise<Row[]> {
  const rows: Row[] = [];
  const tables: string[] = [];
  for (const setup of Object.keys(TARGETS) as Setup[]) {
    const world = await World.create();
    let steps: StepScore[];
    try {
      steps = await runScenario(world, setup, seed);
    } finally {
      await world.dispose();
    }
    const goal = TARGETS[setup];
    const worst = {
      precision: Math.min(...steps.map((s) => precision(s.score))),
      recall: Math.min(...steps.map((s) => recall(s.score))),
    };
    tables.push(stepTable(setup, steps));
    rows.push({
      name: `fidelity, ${setup} (worst step of ${steps.length})`,
      value: `precision ${worst.precision.toFixed(2)}, recall ${worst.recall.toFixed(2)}`,
      goal: `>= ${goal.precision.toFixed(2)} / ${goal.recall.toFixed(2)}`,
      ok: worst.precision >= goal.precision && worst.recall >= goal.recall,
    });
  }
  console.log(tables.join("\n"));
  return rows;
}

function stepTable(setup: Setup, steps: StepScore[]): string {
  const width = Math.max(...steps.map((s) => s.step.length));
  const lines = [`fidelity, ${setup}:`, `  ${"step".padEnd(width)}  precision  recall  AI lines`];
  for (const s of steps) {
    lines.push(
      `  ${s.step.padEnd(width)}  ${precision(s.score).toFixed(2).padStart(9)}  ${
        recall(s.score).toFixed(2).padStart(6)
      }  ${String(s.score.right).padStart(3)}/${s.score.ai} (credited ${s.score.credited})`,
    );
  }
  return lines.join("\n") + "\n";
}

if (import.meta.main) {
  const { table } = await import("./lib.ts");
  const seed = Number(Deno.args[0] ?? 7);
  console.log(table(await benchFidelity(seed)));
}
