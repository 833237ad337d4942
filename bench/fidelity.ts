// deno-lint-ignore-file no-console
/**
 * `deno task bench` (and `deno run -A bench/fidelity.ts [scenario] [setup]`): precision and recall
 * of `blame` per step of two independently designed scripted histories, with the one-command setup
 * and with only the agents' hooks installed.
 */
import type { Row } from "./lib.ts";
import { runPolyglot } from "./fidelity/polyglot.ts";
import { runScenario } from "./fidelity/scenario.ts";
import type { Setup, StepScore } from "./fidelity/score.ts";
import { precision, recall } from "./fidelity/truth.ts";
import { World } from "./fidelity/world.ts";

const TARGETS: Record<Setup, { precision: number; recall: number }> = {
  "one-command": { precision: 0.98, recall: 0.95 },
  "agent hooks only": { precision: 0.90, recall: 0.90 },
};

/** The scenarios: a Python history (Claude Code, Codex) and a TypeScript/Go/YAML one (Gemini CLI,
 * Codex code mode, Claude Code). */
const SCENARIOS: Record<string, (world: World, setup: Setup) => Promise<StepScore[]>> = {
  python: (world, setup) => runScenario(world, setup, 7),
  polyglot: (world, setup) => runPolyglot(world, setup, 11),
};

/** Runs the scenarios in both setups; prints the per-step tables and returns one row per run. */
export async function benchFidelity(
  only: { scenario?: string; setup?: string } = {},
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (only.scenario && only.scenario !== name) continue;
    for (const [setup, goal] of Object.entries(TARGETS) as [Setup, typeof TARGETS[Setup]][]) {
      if (only.setup && only.setup !== setup) continue;
      const world = await World.create({ pinnedClock: !!Deno.env.get("FIDELITY_PINNED") });
      let steps: StepScore[];
      try {
        steps = await scenario(world, setup);
      } finally {
        await world.dispose();
      }
      const worst = {
        precision: Math.min(...steps.map((s) => precision(s.score))),
        recall: Math.min(...steps.map((s) => recall(s.score))),
      };
      console.log(stepTable(`${name}, ${setup}`, steps));
      rows.push({
        name: `fidelity, ${name}, ${setup} (worst of ${steps.length} steps)`,
        value: `precision ${worst.precision.toFixed(2)}, recall ${worst.recall.toFixed(2)}`,
        goal: `>= ${goal.precision.toFixed(2)} / ${goal.recall.toFixed(2)}`,
        ok: worst.precision >= goal.precision && worst.recall >= goal.recall,
      });
    }
  }
  return rows;
}

function stepTable(title: string, steps: StepScore[]): string {
  const width = Math.max(...steps.map((s) => s.step.length));
  const lines = [`fidelity, ${title}:`, `  ${"step".padEnd(width)}  precision  recall  AI lines`];
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
  const [scenario, setup] = Deno.args;
  console.log(
    table(await benchFidelity({ ...(scenario ? { scenario } : {}), ...(setup ? { setup } : {}) })),
  );
}
