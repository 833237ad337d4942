import { join } from "node:path";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { tempRepo } from "./helpers/temp_repo.ts";
import { leakedSecrets, SECRET_SESSION, seedSecretSession } from "./corpus/session.ts";

Deno.test("export --html: one self-contained page, redacted, all transcript text escaped", async () => {
  await using repo = await tempRepo();
  await repo.commit("initial", { "README.md": "x\n" });
  const seeded = await seedSecretSession(repo);
  const path = join(seeded.dir, `${SECRET_SESSION}.jsonl`);
  const hostile = {
    type: "user",
    message: {
      role: "user",
      content: `<script>alert(1)</script><img src="https://evil.example/x.png"> & "q"`,
    },
  };
  await Deno.writeTextFile(path, JSON.stringify(hostile) + "\n", { append: true });
  const out = await repo.atrace(["export", "--html", SECRET_SESSION.slice(0, 8)]);
  assertEquals(out.code, 0, out.stderr);
  const html = out.stdout;
  assert(html.startsWith("<!DOCTYPE html>"));
  assertEquals(leakedSecrets(html, seeded.samples), []);
  assertStringIncludes(html, "[REDACTED:github-token]");
  assertStringIncludes(html, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;https://evil");
  assertNotIncludes(html, "<script");
  assertNotIncludes(html, "<img");
  assertNotIncludes(html, "<link");
  assertNotIncludes(html, 'src="');
  assertNotIncludes(html, 'href="');
  assertNotIncludes(html, "url(");
  assertStringIncludes(html, `content="default-src 'none'; style-src 'unsafe-inline'"`);
  assertStringIncludes(html, "secrets redacted.</footer>");
  assertStringIncludes(html, '<section class="m prompt">');
  const file = await repo.atrace(["export", "--html", SECRET_SESSION, "--out", "s.html"]);
  assertEquals(file.code, 0, file.stderr);
  assertEquals(await repo.read("s.html"), html);
});
