// The status page and the dashboard in a real browser (Debian's Chromium): they load without
// console errors, show the fixture history's component states, pass axe-core at 375 px and
// 1,280 px, and the status page's update loop picks up a changed status.json after 60 s (the
// page's clock is driven by Playwright, the HTTP is real). Screenshots: test-artifacts/site/.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type StatusDocument } from "../../src/site/index.js";
import { fixturePostmortems, fixtureRecords, NOW, withMaintenance } from "../../src/site/testing/history.js";
import { shippedPolicies } from "../engine/fixtures.js";
import { axeViolations, componentStates, hasChromium, inPage, launch, overflows, screenshot, serve, watchErrors } from "./browser.js";

const EXPECTED_STATES = {
  "api-endpoints": "major_outage: ✕ Major outage",
  "web-application": "degraded_performance: ! Degraded performance",
  "database-layer": "operational: ✓ Operational",
  "authentication-service": "under_maintenance: ⚒ Under maintenance",
};

describe.skipIf(!hasChromium)("the site in Chromium", () => {
  let dir: string;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serve>>;
  let doc: StatusDocument;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "iac-site-"));
    const built = await buildSite({ policies: withMaintenance(shippedPolicies()), records: fixtureRecords(), postmortems: fixturePostmortems(), now: NOW, repoUrl: "https://github.com/acme/ops" });
    for (const f of built.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    doc = JSON.parse(built.files.find((f) => f.path === "status.json")?.content ?? "{}") as StatusDocument;
    site = await serve(dir);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each([375, 1280])("%i px wide", (width) => {
    it("status page: expected component states, no console errors, no axe violations, nothing cut off", async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = watchErrors(page);
      await page.goto(`${site.url}index.html`);
      expect(await componentStates(page)).toEqual(EXPECTED_STATES);
      await expect(page.locator(".overall h2").textContent()).resolves.toBe("Major outage");
      await expect(page.locator("#active-title + article").count()).resolves.toBe(1);
      await expect(page.locator("article.incident.open").count()).resolves.toBe(2);
      await expect(page.locator('[data-maintenance="auth-upgrade"] .pill').textContent()).resolves.toBe("In progress");
      await expect(page.locator('[data-incident="2026-03-07-001"] a').getAttribute("href")).resolves.toMatch(/^https:\/\/github\.com\/acme\/ops\/blob\/HEAD\/postmortems\//);
      await screenshot(page, `status-${width}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it("dashboard: open incidents, six charts with accessible names, no console errors, no axe violations", async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = watchErrors(page);
      await page.goto(`${site.url}dashboard.html`);
      await expect(inPage(page, `Array.from(document.querySelectorAll("tbody tr[data-incident]"), (r) => r.dataset.incident)`)).resolves.toEqual(["2026-03-10-001", "2026-03-10-002", "2026-03-10-003"]);
      await expect(page.locator("figure svg[role=img]").count()).resolves.toBe(6);
      const names = await inPage<string[]>(page, `Array.from(document.querySelectorAll("figure svg[role=img]"), (s) => document.getElementById(s.getAttribute("aria-labelledby"))?.textContent ?? "")`);
      for (const name of names) expect(name.length).toBeGreaterThan(40);
      await screenshot(page, `dashboard-${width}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  });

  it("serves feed.atom as well-formed Atom (the browser's XML parser)", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}index.html`);
    const parsed = await inPage<{ error: boolean; root: string; ns: string; entries: number }>(
      page,
      `fetch("feed.atom").then((r) => r.text()).then((xml) => { const d = new DOMParser().parseFromString(xml, "application/xml"); return { error: d.getElementsByTagName("parsererror").length > 0, root: d.documentElement.localName, ns: d.documentElement.namespaceURI, entries: d.getElementsByTagName("entry").length }; })`,
    );
    expect(parsed).toEqual({ error: false, root: "feed", ns: "http://www.w3.org/2005/Atom", entries: doc.incidents.length + doc.maintenance.length });
    await page.close();
  }, 30_000);

  it("status page re-reads status.json every 60 s and updates without a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.clock.install({ time: new Date(NOW) });
    await page.goto(`${site.url}index.html`);
    const marker = await inPage<number>(page, "window.marker = Math.random()");

    // The API outage ends: a new build rewrites status.json.
    const next: StatusDocument = structuredClone(doc);
    next.generated_at = new Date(Date.parse(NOW) + 60_000).toISOString();
    next.components = next.components.map((c) => (c.id === "api-endpoints" ? { ...c, status: "operational" } : c));
    next.incidents = next.incidents.filter((i) => i.id !== "2026-03-10-001");
    next.status = { indicator: "minor", description: "Degraded performance" };
    writeFileSync(join(dir, "status.json"), JSON.stringify(next));

    await page.clock.runFor(30_000);
    expect((await componentStates(page))["api-endpoints"]).toBe(EXPECTED_STATES["api-endpoints"]);
    await page.clock.runFor(30_000);
    await page.waitForSelector('[data-component="api-endpoints"][data-status="operational"]', { timeout: 20_000 });
    await expect(page.locator(".overall h2").textContent()).resolves.toBe("Degraded performance");
    await expect(page.locator("article.incident.open").count()).resolves.toBe(1);
    await expect(page.locator("#generated").getAttribute("datetime")).resolves.toBe(next.generated_at);
    // The same document, not a reload.
    expect(await inPage<number>(page, "window.marker")).toBe(marker);
    await screenshot(page, "status-after-update");

    // A failed refresh says so on the page and keeps what it had.
    rmSync(join(dir, "status.json"));
    await page.clock.runFor(60_000);
    await page.waitForSelector("#stale:not([hidden])", { timeout: 20_000 });
    await expect(page.locator("#stale").textContent()).resolves.toContain("HTTP 404");
    expect((await componentStates(page))["api-endpoints"]).toContain("operational");
    writeFileSync(join(dir, "status.json"), JSON.stringify(doc));
    // The only console error is the browser's own report of that 404.
    expect(errors).toEqual([expect.stringContaining("404")]);
    await page.close();
  }, 90_000);
});
