import { TOKEN_HEADER } from "../src/web/server.ts";
import { assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { launchBrowser, serve, webRepo } from "./helpers/browser.ts";

Deno.test("web file view: each run of lines shows its commit's message, author and date", async () => {
  await using repo = await webRepo();
  const server = await serve(repo);
  const browser = await launchBrowser(repo.home);
  try {
    const res = await fetch(`${server.origin}/api/file?path=src/auth.py`, {
      headers: { [TOKEN_HEADER]: "t0ken" },
    });
    const view = await res.json();
    const sha = view.lines[7].commit;
    const commit = view.commits[sha];
    const subject = (await repo.git(["log", "-1", "--format=%s", sha])).trim();
    assertEquals(commit.summary, subject);
    assertEquals(commit.author, "Ada Tester");
    assertMatch(commit.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector(`main[data-view="sessions"]`);
    await page.evaluate(() => (location.hash = "#/file/src/auth.py"));
    await page.waitForSelector(`main[data-view="file"]`);
    const cells = await page.locator("#blame .bl .commit").allInnerTexts();
    const runs = view.lines.filter((l: { commit: string }, i: number) =>
      i === 0 || l.commit !== view.lines[i - 1].commit
    );
    assertEquals(cells.length, runs.length);
    assertStringIncludes(cells.join("\n"), `${subject} · Ada Tester, ${commit.date.slice(0, 10)}`);
    const first = runs.findIndex((l: { commit: string }) => l.commit === sha);
    const title = await page.locator("#blame .bl .commit").nth(first).getAttribute("title");
    assertStringIncludes(
      title ?? "",
      `${sha.slice(0, 7)} · Ada Tester · ${commit.date}\n${subject}`,
    );
  } finally {
    await browser.close();
    await server.shutdown();
  }
});
