import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { Policies } from "../config/types.js";
import { buildSite, NothingToBuildError, type SiteResult, type StatusDocument } from "./index.js";
import { fixturePostmortems, fixtureRecords, INTERNAL, NOW, withMaintenance } from "./testing/history.js";
import { renderLive } from "./view.js";

const policies = withMaintenance(shippedPolicies());
const build = (p: Policies = policies, over: Partial<Parameters<typeof buildSite>[0]> = {}) =>
  buildSite({ policies: p, records: fixtureRecords(), postmortems: fixturePostmortems(), now: NOW, repoUrl: "https://github.com/acme/ops", ...over });

let site: SiteResult;
const file = (path: string): string => {
  const f = site.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${site.files.map((x) => x.path).join(", ")}`);
  return f.content;
};
const status = (): StatusDocument => JSON.parse(file("status.json")) as StatusDocument;

beforeAll(async () => {
  site = await build();
}, 60_000);

describe("incident site: the status document", () => {
  it("gives each component its state from open public incidents and maintenance", () => {
    expect(status().components.map((c) => [c.name, c.status])).toEqual([
      ["API Endpoints", "major_outage"], // open P0
      ["Web Application", "degraded_performance"], // open P1, monitoring
      ["Database Layer", "operational"], // P0 resolved three days ago
      ["Authentication Service", "under_maintenance"], // window in progress; its open P2 is not public
    ]);
    expect(status().status).toEqual({ indicator: "critical", description: "Major outage" });
  });

  it("shows only incidents of public severities, open ones first in time order, with post-mortem links", () => {
    const incidents = status().incidents.map((i) => [i.id, i.status, i.resolved_at === null, i.postmortem_url]);
    expect(incidents).toEqual([
      ["2026-03-10-001", "investigating", true, null],
      ["2026-03-10-002", "monitoring", true, null],
      ["2026-03-07-001", "resolved", false, "https://github.com/acme/ops/blob/HEAD/postmortems/2026-03-07-2026-03-07-001-database-down.md"],
      ["2026-02-18-001", "resolved", false, null],
    ]);
  });

  it("renders public updates from the external templates, newest first, one per triggered event", () => {
    const web = status().incidents.find((i) => i.id === "2026-03-10-002");
    expect(web?.updates.map((u) => [u.at.slice(11, 16), u.status])).toEqual([
      ["11:30", "monitoring"],
      ["10:30", "identified"],
      ["09:10", "investigating"],
      ["09:05", "investigating"],
    ]);
    expect(web?.updates[0]?.body).toBe("A fix for Web Application is in place and we are monitoring the results.\n\nCurrent Impact: Some users may experience errors or degraded performance.");
    expect(web?.updates[0]?.body_html).toBe("<p>A fix for Web Application is in place and we are monitoring the results.</p>\n<p>Current Impact: Some users may experience errors or degraded performance.</p>");
  });

  it("lists maintenance in progress and upcoming", () => {
    expect(status().maintenance.map((m) => [m.id, m.status, m.components])).toEqual([
      ["auth-upgrade", "in_progress", ["authentication-service"]],
      ["db-vacuum", "scheduled", ["database-layer"]],
    ]);
  });

  it("draws 90 daily bars per component whose worst states match the history", () => {
    const api = status().components[0];
    expect(api?.days).toHaveLength(90);
    expect(api?.days.at(-1)).toMatchObject({ date: "2026-03-10", worst: "major_outage", incidents: ["2026-03-10-001"], downtime_minutes: 45 });
    expect(api?.days.find((d) => d.date === "2026-02-18")).toMatchObject({ worst: "partial_outage", downtime_minutes: 36 }); // 2 h × 0.3
    expect(status().components[3]?.days.at(-1)?.worst).toBe("under_maintenance");
  });

  it("is valid against schemas/status.schema.json, which rejects a made-up component state", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    (formatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync("schemas/status.schema.json", "utf8")) as object);
    expect(validate(status()), JSON.stringify(validate.errors)).toBe(true);
    const bad = status();
    (bad.components[0] as { status: string }).status = "on_fire";
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe("/components/0/status");
  });
});

describe("incident site: what is public", () => {
  it.each(["index.html", "status.json", "feed.atom", "badges/status.json", "badges/api-endpoints.json"])("%s holds no text written during an incident", (path) => {
    // Titles, /update texts, impact and root cause, alert labels, notes and post-mortem text all carry the marker.
    expect(file(path)).not.toContain(INTERNAL);
    expect(file(path)).not.toContain("internal:9090");
  });

  it("keeps internal text out even when an external template asks for it", async () => {
    const sources = { ...policies.templateSources, "update-external": "{{ title }} {{ impact_description }} {{ progress_summary }} {{ root_cause_summary }} {{ commander_name }} {{ channel }} {{ status }}" };
    const leaky = await build({ ...policies, templateSources: sources });
    const json = leaky.files.find((f) => f.path === "status.json")?.content ?? "";
    expect(json).toContain("monitoring");
    expect(json).not.toContain(INTERNAL);
    expect(json).not.toContain("frank-example");
  });

  it("puts the internal view on the dashboard only, escaped", async () => {
    const records = fixtureRecords();
    records[0] = { ...records[0]!, title: `<img src=x onerror=alert(1)> ${INTERNAL}` };
    const built = await build(policies, { records });
    const dashboard = built.files.find((f) => f.path === "dashboard.html")?.content ?? "";
    expect(dashboard).toContain(`&lt;img src=x onerror=alert(1)&gt; ${INTERNAL}`);
    expect(dashboard).not.toContain("<img src=x");
  });

  it("escapes policy text on the page and in the browser's re-render alike", async () => {
    const evil = { ...policies, communication: { ...policies.communication, statusPage: { ...policies.communication.statusPage, components: { ...policies.communication.statusPage.components, api: `<script>alert("x")</script>` } } } };
    const built = await build(evil);
    const html = built.files.find((f) => f.path === "index.html")?.content ?? "";
    const live = html.slice(html.indexOf('<div id="live"'), html.indexOf("</main>"));
    expect(live).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(live).not.toContain("<script>");
  });

  it("builds no dashboard when the policy says so, and nothing at all when both are off", async () => {
    const sp = policies.communication.statusPage;
    const noDashboard = await build({ ...policies, communication: { ...policies.communication, statusPage: { ...sp, dashboard: false } } });
    expect(noDashboard.files.map((f) => f.path)).not.toContain("dashboard.html");
    expect(noDashboard.files.find((f) => f.path === "index.html")?.content).not.toContain("dashboard.html");
    await expect(build({ ...policies, communication: { ...policies.communication, statusPage: { ...sp, dashboard: false, enabled: false } } })).rejects.toThrow(NothingToBuildError);
  });
});

describe("incident site: feeds and pages", () => {
  it("writes an Atom feed with one entry per public incident and maintenance window", () => {
    const atom = file("feed.atom");
    expect(atom).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(atom.match(/<entry>/g)).toHaveLength(6);
    expect(atom).toContain("<id>https://status.example.com/#incident-2026-03-10-001</id>");
    expect(atom).toContain('<link rel="self" href="https://status.example.com/feed.atom"/>');
  });

  it("writes a shields.io endpoint badge per component", () => {
    expect(JSON.parse(file("badges/api-endpoints.json"))).toEqual({ schemaVersion: 1, label: "API Endpoints", message: "major outage", color: "red", cacheSeconds: 300 });
    expect(JSON.parse(file("badges/authentication-service.json"))).toMatchObject({ message: "under maintenance", color: "blue" });
    expect(JSON.parse(file("badges/status.json"))).toMatchObject({ label: "Example Corp status", message: "major outage", color: "red" });
  });

  it("renders the live part in the browser with the same function, from its source alone", () => {
    const doc = status();
    // A fresh global context: nothing from this module is in scope, as in the browser.
    const standalone = runInNewContext(`(${renderLive.toString()})`) as typeof renderLive;
    expect(standalone(doc, NOW)).toBe(renderLive(doc, NOW));
    expect(file("index.html")).toContain(renderLive(doc, NOW));
  });

  it("draws every dashboard chart as a named SVG image with a caption and a data table", () => {
    const dashboard = file("dashboard.html");
    const ids = ["chart-incident-rate", "chart-mtta", "chart-mttd", "chart-mttr", "chart-availability", "chart-sla"];
    for (const id of ids) {
      expect(dashboard).toContain(`<figure id="${id}"><svg role="img" aria-labelledby="${id}-caption"`);
      expect(dashboard).toContain(`<figcaption id="${id}-caption">`);
    }
    expect(dashboard.match(/<details><summary>Data table: /g)).toHaveLength(ids.length);
    // Axis titles with units, and the targets.
    expect(dashboard).toContain("MTTR, minutes (mean)");
    expect(dashboard).toContain("target 30 min");
    expect(dashboard).toContain("Availability (%)");
  });

  it("says which post-mortem it cannot read instead of dropping it silently", async () => {
    const built = await build(policies, { postmortems: [...fixturePostmortems(), { path: "postmortems/broken.md", text: "no front matter" }] });
    expect(built.warnings).toEqual([expect.stringContaining("postmortems/broken.md: front matter does not read")]);
  });
});
