// deno-lint-ignore-file no-console
/**
 * `deno run -A scripts/package.ts <dist>`: turns each `<dist>/git-atrace-<version>-<target>/`
 * (made by `deno task compile`) into an archive with README, LICENSE and the man page, and writes
 * `<dist>/SHA256SUMS`.
 */
import { basename, join } from "node:path";
import { createHash } from "node:crypto";

const dist = Deno.args[0] ?? "dist";
const root = new URL("..", import.meta.url).pathname;
const sums: string[] = [];
const dirs = (await Array.fromAsync(Deno.readDir(dist))).filter((e) =>
  e.isDirectory && e.name.startsWith("git-atrace-")
);
for (const entry of dirs.sort((a, b) => a.name.localeCompare(b.name))) {
  const dir = join(dist, entry.name);
  for (const file of ["README.md", "LICENSE", "docs/git-atrace.1"]) {
    await Deno.copyFile(join(root, file), join(dir, basename(file)));
  }
  const windows = entry.name.includes("windows");
  const archive = `${entry.name}.${windows ? "zip" : "tar.gz"}`;
  const args = windows ? ["-qr", archive, entry.name] : ["-czf", archive, entry.name];
  const result = await new Deno.Command(windows ? "zip" : "tar", { args, cwd: dist }).output();
  if (!result.success) {
    throw new Error(`packing ${entry.name} failed: ${new TextDecoder().decode(result.stderr)}`);
  }
  const digest = createHash("sha256").update(await Deno.readFile(join(dist, archive))).digest(
    "hex",
  );
  sums.push(`${digest}  ${archive}`);
  console.log(archive);
}
await Deno.writeTextFile(join(dist, "SHA256SUMS"), sums.join("\n") + "\n");
