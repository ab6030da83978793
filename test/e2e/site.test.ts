// The demo's alerts through the real Action (dist/index.js) into incident records, then the real
// CLI bundle (`dist/cli.js site`, which loads dist/site.js) builds the site from a checkout of the
// records, and Debian's Chromium checks what a visitor sees: the component states those records
// mean, no console errors, no axe-core violations.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatusDocument } from "../../src/site/model.js";
import { axeViolations, componentStates, hasChromium, launch, screenshot, serve, watchErrors } from "../site/browser.js";
import { dispatchEvent, example, world, type World } from "./harness.js";
import { commentEvent } from "./incident-events.js";

const run = promisify(execFile);
const CLI = join(import.meta.dirname, "../../dist/cli.js");

/** The examples are dated around 2026-03-02 10:00 UTC: move them to just now, keeping their spacing. */
function recent(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((v) => recent(v, delta));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, (k === "startsAt" || k === "endsAt") && typeof v === "string" && !v.startsWith("0001") ? new Date(Date.parse(v) + delta).toISOString() : recent(v, delta)]),
  );
}

describe.skipIf(!hasChromium)("incident site on the demo's records", () => {
  let w: World;
  let checkout: string;
  let out: string;
  const delta = Date.now() - 10 * 60_000 - Date.parse("2026-03-02T10:00:00Z");
  const alert = (name: string) => recent(example(name), delta);

  beforeAll(async () => {
    // A maintenance window on auth, in progress for the whole test; it lets auth's alerts through
    // (silence_alerts: false), so the P2 below still opens an incident during it.
    w = await world({}, (seed) => {
      const starts = new Date(Date.now() - 30 * 60_000).toISOString();
      const ends = new Date(Date.now() + 3 * 3600_000).toISOString();
      writeFileSync(join(seed, "policies/maintenance.yaml"), `maintenance:\n  - id: auth-upgrade\n    title: Authentication upgrade\n    services: [auth]\n    starts: ${starts}\n    ends: ${ends}\n    silence_alerts: false\n`);
    });
    const act = async (event: string, payload: unknown) => {
      const r = await w.act(event, payload);
      expect(r.code, r.stderr).toBe(0);
    };
    await act("repository_dispatch", dispatchEvent("alertmanager", alert("service-down.json"))); // P0 api, stays open
    await act("repository_dispatch", dispatchEvent("alertmanager", alert("database-connection-pool-exhausted.json"))); // P1 database
    await act("repository_dispatch", dispatchEvent("alertmanager", alert("high-error-rate.json"))); // P1 api
    await act("repository_dispatch", dispatchEvent("alertmanager", alert("resolved.json"))); // … resolved
    await act("repository_dispatch", dispatchEvent("grafana", alert("grafana.json"))); // P2 auth: not public
    const db = w.gh.state.issues.find((i) => i.labels.includes("service:database"));
    if (!db) throw new Error("no database incident issue");
    await act("issue_comment", commentEvent(w, db.number, "/ack\n/status investigating\n/status identified\n/status monitoring", "bob-example").event);

    checkout = mkdtempSync(join(tmpdir(), "iac-site-e2e-"));
    execFileSync("git", ["clone", "-q", w.remote, join(checkout, "repo")]);
    out = join(checkout, "site");
  }, 400_000);

  afterAll(async () => {
    expect(w?.gh.violations ?? []).toEqual([]);
    await w?.close();
    if (checkout) rmSync(checkout, { recursive: true, force: true });
  });

  it("builds with dist/cli.js and shows the states the records mean in Chromium", async () => {
    const { stdout } = await run(process.execPath, [CLI, "site", "--dir", join(checkout, "repo"), "--out", out, "--repo", "acme/ops"]);
    expect(stdout).toMatch(/^wrote \d+ files to .* from 4 incident record\(s\): index\.html, dashboard\.html; open /);
    const doc = JSON.parse(readFileSync(join(out, "status.json"), "utf8")) as StatusDocument;
    // Ids in the order the alerts arrived; the P2 on auth is not public.
    expect(Object.fromEntries(doc.incidents.map((i) => [i.id.slice(-3), [i.status, i.impact, i.resolved_at === null ? "open" : "resolved"]]))).toEqual({
      "001": ["investigating", "major_outage", "open"],
      "002": ["monitoring", "partial_outage", "open"],
      "003": ["resolved", "partial_outage", "resolved"],
    });
    expect(existsSync(join(out, "badges/api-endpoints.json"))).toBe(true);

    const site = await serve(out);
    const browser = await launch();
    try {
      for (const [path, width] of [["index.html", 1280], ["dashboard.html", 375]] as const) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const errors = watchErrors(page);
        await page.goto(`${site.url}${path}`);
        if (path === "index.html") {
          expect(await componentStates(page)).toEqual({
            "api-endpoints": "major_outage: ✕ Major outage",
            "web-application": "operational: ✓ Operational",
            "database-layer": "degraded_performance: ! Degraded performance",
            "authentication-service": "under_maintenance: ⚒ Under maintenance",
          });
        } else {
          await expect(page.locator("tbody tr[data-incident]").count()).resolves.toBe(3);
        }
        await screenshot(page, `demo-${path.replace(".html", "")}-${width}`);
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
      await site.close();
    }
  }, 240_000);
});
