import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import {
  AUTH_CALL,
  BIG_CALL,
  BIG_FILE,
  BIG_SESSION,
  hasChromium,
  HOSTILE_SESSION,
  launchBrowser,
  serve,
  webRepo,
} from "./helpers/browser.ts";
import { CLAUDE_SESSION } from "./helpers/fixtures.ts";
import { PROJECT } from "./helpers/temp_repo.ts";

/** Saves a screenshot under the test's temp dir and, with ATRACE_SCREENSHOTS, in that directory. */
async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  const png = await page.screenshot({ path: join(dir, `${name}.png`) });
  const keep = Deno.env.get("ATRACE_SCREENSHOTS");
  if (keep) {
    await Deno.mkdir(resolve(PROJECT, keep), { recursive: true });
    await Deno.writeFile(resolve(PROJECT, keep, `${name}.png`), png);
  }
}

async function go(page: Page, hash: string, view: string): Promise<void> {
  await page.evaluate(`document.getElementById("main").dataset.view = "loading"`);
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForSelector(`main[data-view="${view}"]`);
}

Deno.test({ name: "web viewer in headless Chromium", ignore: !await hasChromium() }, async (t) => {
  await using repo = await webRepo();
  const shots = join(repo.home, "screenshots");
  await Deno.mkdir(shots, { recursive: true });
  const server = await serve(repo);
  const browser = await launchBrowser(repo.home);
  const dialogs: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.emulateMedia({ colorScheme: "light" });

    await t.step("the page loads and lists the sessions", async () => {
      await page.goto(server.url);
      await page.waitForSelector(`main[data-view="sessions"]`);
      const rows = await page.locator("#session-list a.row").count();
      assertEquals(rows, 3);
      assertStringIncludes(
        await page.locator("#session-list").innerText(),
        "verify_token compares",
      );
      assertEquals(await page.locator("#repo").textContent(), "repo");
      await screenshot(page, shots, "sessions");
    });

    await t.step("search by text, filter by file, agent and date", async () => {
      await page.fill("#q", "compare_digest");
      await page.locator("#session-list a.row").nth(1).waitFor({ state: "detached" });
      await page.fill("#q", "");
      await page.locator("#session-list a.row").nth(2).waitFor();
      await page.fill("#file", "big.txt");
      assertEquals(await page.locator("#session-list a.row").count(), 1);
      await page.fill("#file", "");
      await page.selectOption("#agent", "claude-code");
      assertEquals(await page.locator("#session-list a.row").count(), 3);
      await page.fill("#from", "2026-10-14");
      assertEquals(await page.locator("#session-list a.row").count(), 2);
      await page.fill("#to", "2026-10-15");
      assertEquals(await page.locator("#session-list a.row").count(), 1);
      await page.fill("#from", "");
      await page.fill("#to", "");
      await page.selectOption("#agent", "");
    });

    await t.step("keyboard: j then Enter opens a session", async () => {
      await page.evaluate("document.activeElement.blur()");
      await page.keyboard.press("j");
      await page.keyboard.press("Enter");
      await page.waitForSelector(`main[data-view="session"]`);
      await page.keyboard.press("Escape");
      await page.waitForSelector(`main[data-view="sessions"]`);
    });

    await t.step("open a session: prompt, answer, tool call diff, commits, files", async () => {
      await go(page, `#/session/${CLAUDE_SESSION}`, "session");
      const text = await page.locator("main").innerText();
      assertStringIncludes(text, "verify_token compares secrets with ==");
      assertStringIncludes(text, "fix(auth): use constant-time token comparison");
      assertStringIncludes(text, "+    if hmac.compare_digest(token, stored_token):");
      assertEquals(await page.locator(`[id="call-${AUTH_CALL}"]`).count(), 1);
      assertEquals(await page.locator("#session-files a").innerText(), "src/auth.py");
      await screenshot(page, shots, "session");
    });

    await t.step("commits with their sessions", async () => {
      await go(page, "#/commits", "commits");
      const text = await page.locator("#commit-list").innerText();
      assertStringIncludes(text, "fix(auth): use constant-time token comparison");
      assertEquals(await page.locator("#commit-list a.chip").count(), 2);
      await screenshot(page, shots, "commits");
    });

    await t.step("markup in a transcript stays text and runs nothing", async () => {
      await go(page, `#/session/${HOSTILE_SESSION}`, "session");
      const text = await page.locator("#messages").innerText();
      assertStringIncludes(text, `<script>globalThis.__pwned = "script"</script>`);
      assertStringIncludes(text, `<img src=x onerror="globalThis.__pwned = 'img'">`);
      assertEquals(await page.locator("main img, main script, main iframe").count(), 0);
      assertEquals(await page.locator(`a[href^="javascript:"]`).count(), 0);
      await page.locator("#messages summary").first().click();
      await go(page, "#/sessions", "sessions");
      await go(page, `#/session/${HOSTILE_SESSION}`, "session");
      assertEquals(
        await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned),
        undefined,
      );
      assertEquals(dialogs, []);
    });

    await t.step("a 10,000-message session opens paged and jumps to a tool call", async () => {
      const started = performance.now();
      await go(page, `#/session/${BIG_SESSION}`, "session");
      assert(performance.now() - started < 5000, "big session opens quickly");
      const shown = await page.locator("#messages > li").count();
      assert(shown <= 400, `rendered ${shown} messages at once`);
      await page.getByText("Loading more…").scrollIntoViewIfNeeded();
      await page.locator("#messages > li").nth(shown).waitFor();
      await go(page, `#/sessions`, "sessions");
      await go(page, `#/session/${BIG_SESSION}?call=${BIG_CALL}`, "session");
      const target = page.locator(`[id="call-${BIG_CALL}"]`);
      assert(await target.evaluate((el) => el.classList.contains("target")));
      const box = await page.evaluate(
        `(() => { const b = document.getElementById(${
          JSON.stringify(`call-${BIG_CALL}`)
        }).getBoundingClientRect(); return [b.top, b.bottom, innerHeight]; })()`,
      ) as number[];
      assert(box[1]! > 0 && box[0]! < box[2]!, `target in view: ${box}`);
      assertStringIncludes(await page.locator("main .facts").innerText(), "showing 5001–5200");
      await page.getByText("Load earlier messages").click();
      await page.getByText("prompt number 2400", { exact: true }).waitFor();
      assertStringIncludes(await page.locator("main .facts").innerText(), "showing 4801–5200");
    });

    await t.step(
      "a file's blame: tinted lines, the prompt on hover, a click lands on the tool call",
      async () => {
        await go(page, "#/files", "files");
        assertEquals(await page.locator("#file-list a.row").count(), 2);
        await page.evaluate(`document.getElementById("main").dataset.view = "loading"`);
        await page.locator("#file-list a.row", { hasText: "src/auth.py" }).click();
        await page.waitForSelector(`main[data-view="file"]`);
        const row = page.locator(`#blame .bl[data-session="${CLAUDE_SESSION}"]`).first();
        assertEquals(await row.locator(".ln").textContent(), "8");
        await row.hover();
        await page.locator("#tip").waitFor();
        assertStringIncludes(
          await page.locator("#tip").innerText(),
          "> verify_token compares secrets",
        );
        await screenshot(page, shots, "file");
        await row.click();
        await page.waitForSelector(`main[data-view="session"]`);
        assertStringIncludes(page.url(), `?call=${AUTH_CALL}`);
        const target = page.locator(`[id="call-${AUTH_CALL}"]`);
        assertEquals(await target.getAttribute("class"), "msg tool nav-msg target");
        assert(
          await target.locator("summary").evaluate((el) => el === el.ownerDocument.activeElement),
        );
      },
    );

    await t.step("blame of a 5,000-line file renders under a second", async () => {
      await go(page, `#/file/${BIG_FILE}`, "file");
      assertEquals(await page.locator("#blame .bl.tinted").count(), 5000);
      const render = Number(await page.locator("main").getAttribute("data-render-ms"));
      const fetched = Number(await page.locator("main").getAttribute("data-fetch-ms"));
      assert(render < 1000, `rendering the blame took ${render} ms`);
      assert(fetched < 5000, `fetching the blame took ${fetched} ms`);
    });

    await t.step("the API refuses a page without the token", async () => {
      const bare = await browser.newPage();
      await bare.goto(server.origin + "/#/sessions");
      await bare.waitForSelector(`main[data-view="error"]`);
      assertStringIncludes(await bare.locator("main").innerText(), "missing or wrong token");
      await bare.close();
    });

    await t.step("dark theme follows the system", async () => {
      await page.emulateMedia({ colorScheme: "dark" });
      await go(page, "#/sessions", "sessions");
      const bg = await page.evaluate("getComputedStyle(document.body).backgroundColor");
      assertEquals(bg, "rgb(13, 17, 23)");
      await page.emulateMedia({ colorScheme: "light" });
    });

    assertEquals(errors, [], "no script errors or CSP violations");
    assert(
      requests.every((u) => u.startsWith(server.origin) || u.startsWith("data:")),
      "no foreign requests",
    );
  } finally {
    await browser.close();
    await server.shutdown();
  }
});
