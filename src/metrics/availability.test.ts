import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { fixtureRecords, NOW } from "../site/testing/history.js";
import { buildAlert, buildRecord } from "../incident/testing.js";
import { computeAvailability, formatAvailability } from "./availability.js";

// Shipped: P0 → major outage (weight 1), P1 → partial outage (0.3), P2/P3 degraded (0) and not
// public; components API Endpoints (api), Web Application (web), Database Layer (database),
// Authentication Service (auth).
const policies = shippedPolicies();
const MIN = 60_000;
const T0 = Date.parse("2026-05-01T00:00:00Z");
const at = (minutes: number): string => new Date(T0 + minutes * MIN).toISOString();

function incident(id: string, service: string, severity: Severity, from: number, to: number | null, extraServices: string[] = []): IncidentRecord {
  return buildRecord({
    id,
    service,
    severity,
    alerts: [buildAlert(`fp-${id}`, { labels: { service } }), ...extraServices.map((s, i) => buildAlert(`fp-${id}-${i}`, { labels: { service: s } }))],
    timestamps: { started: at(from), detected: at(from), acknowledged: null, mitigated: null, resolved: to === null ? null : at(to), closed: null },
  });
}

/**
 * The same figure computed another way: walk the range minute by minute and, for each component,
 * take the worst state among the public incidents active in that minute (from each record's
 * severity, started and resolved), weighting a major outage 1 and a partial outage 0.3.
 */
function sampled(records: IncidentRecord[], from: number, to: number): Record<string, number> {
  const mapping = policies.communication.statusPage.components;
  const weight: Record<Severity, number> = { P0: 1, P1: 0.3, P2: 0, P3: 0 };
  const down: Record<string, number> = {};
  for (const name of Object.values(mapping)) down[name] = 0;
  for (let m = from; m < to; m += MIN) {
    const worst: Record<string, number> = {};
    for (const r of records) {
      if (!policies.severities[r.severity].statusPage) continue;
      const start = Date.parse(r.timestamps.started);
      const end = r.timestamps.resolved === null ? to : Date.parse(r.timestamps.resolved);
      if (!(start <= m && m < end)) continue;
      const services = new Set([r.service, ...r.alerts.map((a) => a.labels["service"] ?? "")]);
      for (const s of services) {
        const name = mapping[s];
        if (name !== undefined) worst[name] = Math.max(worst[name] ?? 0, weight[r.severity]);
      }
    }
    for (const [name, w] of Object.entries(worst)) down[name] = (down[name] ?? 0) + w * MIN;
  }
  return Object.fromEntries(Object.entries(down).map(([name, ms]) => [name, 1 - ms / (to - from)]));
}

function figures(records: IncidentRecord[], from: number, to: number): Record<string, number> {
  const report = computeAvailability(records, policies, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  return Object.fromEntries(report.components.map((c) => [c.component, c.availability]));
}

describe("computeAvailability", () => {
  const day = { from: T0, to: T0 + 1440 * MIN };

  it.each([
    ["one P0 hour on api", [incident("a", "api", "P0", 60, 120)], { "API Endpoints": 1 - 60 / 1440 }],
    ["one P1 hour on web counts 30%", [incident("a", "web", "P1", 60, 120)], { "Web Application": 1 - (0.3 * 60) / 1440 }],
    ["a P2 is not public and costs nothing", [incident("a", "auth", "P2", 0, 600)], {}],
    ["overlapping P0s count once", [incident("a", "api", "P0", 60, 120), incident("b", "api", "P0", 90, 150)], { "API Endpoints": 1 - 90 / 1440 }],
    ["a P0 inside a P1: the worst state wins", [incident("a", "api", "P1", 0, 240), incident("b", "api", "P0", 60, 120)], { "API Endpoints": 1 - (60 + 0.3 * 180) / 1440 }],
    ["spilling over the range is clipped", [incident("a", "database", "P0", -60, 30), incident("b", "database", "P0", 1410, 1500)], { "Database Layer": 1 - 60 / 1440 }],
    ["an open incident lasts to the end of the range", [incident("a", "api", "P0", 1380, null)], { "API Endpoints": 1 - 60 / 1440 }],
    ["alerts on other services spread it to their components", [incident("a", "api", "P0", 0, 30, ["auth"])], { "API Endpoints": 1 - 30 / 1440, "Authentication Service": 1 - 30 / 1440 }],
  ] as [string, IncidentRecord[], Record<string, number>][])("%s", (_name, records, changed) => {
    const expected = { "API Endpoints": 1, "Web Application": 1, "Database Layer": 1, "Authentication Service": 1, ...changed };
    const got = figures(records, day.from, day.to);
    for (const [name, value] of Object.entries(expected)) expect(got[name]).toBeCloseTo(value, 10);
  });

  it("equals the minute-by-minute figure computed independently from the site's fixture history", () => {
    const records = fixtureRecords();
    const to = Date.parse(NOW);
    const from = to - 30 * 1440 * MIN;
    const got = figures(records, from, to);
    const independent = sampled(records, from, to);
    expect(Object.keys(got)).toEqual(Object.keys(independent));
    for (const name of Object.keys(independent)) expect(got[name]).toBeCloseTo(independent[name] ?? NaN, 9);
    // And the figures are not trivially all 1: the fixture has outages on three components.
    expect(Object.values(got).filter((a) => a < 1)).toHaveLength(3);
  });

  it("skips records whose timestamps are out of order instead of counting negative downtime", () => {
    const bad = incident("a", "api", "P0", 120, 60);
    expect(figures([bad], day.from, day.to)["API Endpoints"]).toBe(1);
  });

  it("refuses an empty or reversed range", () => {
    expect(() => computeAvailability([], policies, { from: at(10), to: at(10) })).toThrow(RangeError);
  });

  it.each([
    [1, "100%"],
    [0.999999, "99.999%"],
    [0.99999999, "99.999%"],
    [0.5, "50.000%"],
    ["n/a", "n/a"],
  ] as [number | "n/a", string][])("formats %s as %s, never rounding up to 100%%", (a, text) => {
    expect(formatAvailability(a)).toBe(text);
  });
});
