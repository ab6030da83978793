// What the on-call person sees: the incident issue, its /help reply and a post-mortem, rendered by a
// GitHub-flavoured markdown renderer (micromark with the GFM extensions, the CommonMark/GFM
// reference implementation in JavaScript) and opened in Debian's headless Chromium. Assertions run
// on the rendered page (a table keeps its columns, links are links, boxes are ticked), and each
// page is kept as a screenshot under .artifacts/screenshots/ for people to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { chromium, type BrowserContext, type Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText } from "../src/incident/commands/texts.js";
import { generatePostmortem } from "../src/postmortem/generate.js";
import { fixtureAlert, fixtureRecord } from "../src/render/fixtures.js";
import { renderIssueBody } from "../src/render/issue-body.js";
import { shippedPolicies } from "./engine/fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const OUT = join(".artifacts", "screenshots");
const CSS = `body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:880px;margin:24px auto;color:#1f2328}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d1d9e0;padding:4px 10px}code{background:#eff1f3;padding:1px 4px;border-radius:4px}
ul.contains-task-list{list-style:none;padding-left:1em}a{color:#0969da}h2,h3{border-bottom:1px solid #d1d9e0}`;

/** GitHub's markdown as HTML. Raw HTML is allowed as GitHub allows it (`<details>`, `<sub>`, comments). */
export function gfmToHtml(markdown: string): string {
  return `<!doctype html><meta charset="utf-8"><style>${CSS}</style><body>${micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })}</body>`;
}

const policies = shippedPolicies();
const now = "2026-11-27T18:30:00Z";
const record = fixtureRecord({
  rotation: "api-oncall",
  alerts: [fixtureAlert({ annotations: { summary: "Error rate above 10% on api | gateway", runbook_url: "https://wiki.example.com/runbooks/api-5xx", dashboard_url: "https://grafana.example.com/d/api" } })],
  timeline: [
    { at: "2026-11-27T17:01:00Z", actor: "incident-as-code", kind: "opened", text: "Opened P1 incident from HighErrorRate" },
    { at: "2026-11-27T17:04:00Z", actor: "alice", kind: "status", text: "triggered → acknowledged" },
    { at: "2026-11-27T17:09:00Z", actor: "alice", kind: "note", text: "errors only on the | eu-west | pool" },
  ],
});

let context: BrowserContext | undefined;
let profile = "";
const available = existsSync(CHROMIUM);

beforeAll(async () => {
  if (!available) return;
  mkdirSync(OUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "iac-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 960, height: 800 },
  });
}, 60_000);
afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Cells per row of a rendered table. */
async function rowWidths(table: Locator): Promise<number[]> {
  return Promise.all((await table.locator("tr").all()).map((row) => row.locator(":scope > td, :scope > th").count()));
}

async function open(name: string, markdown: string) {
  if (!context) throw new Error("no browser");
  const page = await context.newPage();
  await page.setContent(gfmToHtml(markdown));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  return page;
}

describe.skipIf(!available)("rendered as GitHub renders it, in Chromium", () => {
  it("the incident issue: links first, ticked boxes, every table row keeps its columns", async () => {
    const page = await open("incident-issue", renderIssueBody(record, policies, { now }));
    const firstParagraph = page.locator("body > p").first();
    expect(await firstParagraph.innerText()).toMatch(/^Links: Runbook · Traffic Management · Dashboard · Silence · Status page$/); // the service dashboard is the alert's: listed once
    const hrefs = await Promise.all((await firstParagraph.locator("a").all()).map((a) => a.getAttribute("href")));
    expect(hrefs).toContain("https://wiki.example.com/runbooks/api-5xx");
    for (const table of await page.locator("table").all()) {
      const widths = await rowWidths(table);
      expect(new Set(widths).size, widths.join(",")).toBe(1);
    }
    expect(await page.locator("td", { hasText: "errors only on the | eu-west | pool" }).count()).toBe(1);
    expect(await page.locator('li:has-text("Acknowledge the incident") input[type=checkbox]').isChecked()).toBe(true);
    expect(await page.locator('td:has-text("PST (17:01 UTC)")').count()).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it("/help: two columns in every row, `/sev P0|P1|P2|P3` whole in its code span", async () => {
    const page = await open("help-reply", helpText());
    const widths = await rowWidths(page.locator("table"));
    expect(new Set(widths)).toEqual(new Set([2]));
    expect(await page.locator("code", { hasText: "/sev P0|P1|P2|P3 [reason]" }).count()).toBe(1);
    await page.close();
  }, 60_000);

  it("the post-mortem: one SLA verdict, tables intact", async () => {
    const resolved = fixtureRecord({ status: "resolved", impact: { users: "10% of API clients", revenue: null, sla: "breached for the enterprise tier", summary: null }, timestamps: { ...record.timestamps, mitigated: "2026-11-27T17:40:00Z", resolved: "2026-11-27T18:15:00Z" } });
    const pm = generatePostmortem(resolved, policies, { now, history: { records: [], postmortems: [] } });
    const page = await open("postmortem", pm.content.replace(/^---\n[\s\S]*?\n---\n/, ""));
    expect(await page.locator("li", { hasText: "SLA breach:" }).first().innerText()).toMatch(/^SLA breach: yes — responders noted a breach/);
    expect(pm.frontMatter.sla_breached).toBe(true);
    for (const table of await page.locator("table").all()) {
      const widths = await rowWidths(table);
      expect(new Set(widths).size).toBe(1);
    }
    await page.close();
  }, 60_000);
});
