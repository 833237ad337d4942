// deno-lint-ignore-file no-console
/**
 * `deno task compile [--target T]… [--out DIR]`: one self-contained binary per target
 * (CLI, hook entry points and the embedded viewer), named git-atrace-<version>-<target>.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import config from "../deno.json" with { type: "json" };

const project = dirname(dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  args: Deno.args,
  options: { target: { type: "string", multiple: true }, out: { type: "string", default: "dist" } },
});
const targets = values.target?.length ? values.target : [Deno.build.target];
await Deno.mkdir(values.out, { recursive: true });
for (const target of targets) {
  const exe = target.includes("windows") ? ".exe" : "";
  const output = join(values.out, `git-atrace-${config.version}-${target}`, `git-atrace${exe}`);
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "compile",
      "-A",
      `--config=${join(project, "deno.json")}`,
      "--target",
      target,
      "--output",
      output,
      join(project, "main.ts"),
    ],
  }).output();
  if (!result.success) {
    console.error(`error: deno compile failed for ${target}`);
    Deno.exitCode = 1;
  } else {
    console.log(output);
  }
}
