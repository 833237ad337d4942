// deno-lint-ignore-file no-console
/** `deno task bench`: every benchmark in one run, printed as one table of figures and ratios. */
import { benchBackfill } from "./backfill.ts";
import { benchBlame } from "./blame.ts";
import { benchCapture } from "./capture.ts";
import { benchFidelity } from "./fidelity.ts";
import { benchInstall } from "./install.ts";
import { type Row, table } from "./lib.ts";
import { benchList } from "./list.ts";
import { benchLog } from "./log.ts";
import { benchMemory } from "./memory.ts";
import { benchView } from "./view.ts";
import { benchWhyWeb } from "./why_web.ts";

const started = new Date().toISOString();
const rows: Row[] = [
  ...await benchCapture(),
  ...await benchInstall(),
  ...await benchList(10_000, 300),
  ...await benchLog(),
  ...await benchBlame(),
  ...await benchWhyWeb(),
  ...await benchView(100),
  ...await benchBackfill(),
  ...await benchMemory(100),
  ...await benchFidelity(),
];
const cpu = (await Deno.readTextFile("/proc/cpuinfo").catch(() => "")).match(
  /model name\s*:\s*(.*)/,
)?.[1];
console.log(
  `git-atrace bench, ${started}, ${Deno.build.target}, ${navigator.hardwareConcurrency} cpus${
    cpu ? ` (${cpu})` : ""
  }, ` +
    `load ${Deno.loadavg()[0]!.toFixed(2)}, deno ${Deno.version.deno}\n`,
);
console.log(table(rows));
