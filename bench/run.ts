// deno-lint-ignore-file no-console
/** `deno task bench`: every benchmark in one run, printed as one table of figures and ratios. */
import { benchCapture } from "./capture.ts";
import { benchList } from "./list.ts";
import { type Row, table } from "./lib.ts";

const rows: Row[] = [];
const started = new Date().toISOString();
rows.push(...await benchCapture());
rows.push(...await benchList(1_000, 200));
rows.push(...await benchList(10_000, 300));
console.log(
  `git-atrace bench, ${started}, ${Deno.build.target}, ${navigator.hardwareConcurrency} cpus, deno ${Deno.version.deno}\n`,
);
console.log(table(rows));
