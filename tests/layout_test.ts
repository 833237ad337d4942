import { join, relative } from "node:path";
import { assertEquals } from "./helpers/assert.ts";
import { PROJECT } from "./helpers/temp_repo.ts";

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(PROJECT, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await sources(path));
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

async function offenders(files: string[], pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const text = await Deno.readTextFile(join(PROJECT, file));
    text.split("\n").forEach((line, i) => {
      if (pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line)) {
        found.push(`${relative(".", file)}:${i + 1}`);
      }
    });
  }
  return found;
}

Deno.test("layout: src/core is pure (no Deno API, no I/O)", async () => {
  assertEquals(
    await offenders(await sources("src/core"), /\bDeno\.|from "node:(fs|child_process|net|http)/),
    [],
  );
});

Deno.test("layout: only main.ts exits, and only src/io spawns processes", async () => {
  const src = await sources("src");
  assertEquals(await offenders(src, /\bDeno\.exit\b/), []);
  assertEquals(
    await offenders(src.filter((f) => !f.startsWith("src/io/")), /new Deno\.Command\b/),
    [],
  );
});

Deno.test("layout: commands touch no files themselves (src/io does)", async () => {
  const pattern =
    /\bDeno\.(open|read|write|mkdir|remove|rename|stat|lstat|makeTemp|copyFile|chmod|symlink|truncate)/;
  assertEquals(await offenders(await sources("src/commands"), pattern), []);
});

Deno.test("layout: no console output outside src/io (commands print through the context)", async () => {
  assertEquals(await offenders(await sources("src"), /\bconsole\.(log|error|warn|info)\b/), []);
});
