import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { Severity } from "../config/types.js";
import type { ActionItem, IncidentRecord, IncidentStatus } from "../incident/record.js";
import { buildRecord } from "../incident/testing.js";
import { ACTION_ITEM_DEFINITION, computeMetrics } from "./compute.js";

// Shipped targets: MTTA ≤ 5m, MTTD ≤ 2m, MTTR ≤ 30m, recurrence ≤ 10%, post-mortems 100% for
// P0/P1, action items ≥ 90%; SLA P0 5m/2h, P1 15m/4h, P2 1h/24h, P3 4h/72h; patterns window 90d.
const policies = shippedPolicies();
const RANGE = { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse("2026-11-10T10:00:00Z");
const at = (minutes: number): string => new Date(T0 + minutes * MIN).toISOString();

interface Spec {
  severity?: Severity;
  status?: IncidentStatus;
  started?: number; // minutes after T0
  detect?: number; // minutes after started
  ack?: number | null; // minutes after detected
  resolve?: number | null; // minutes after started
  category?: string | null;
  postmortemPath?: string | null;
  actionItems?: ActionItem[];
}

function incident(id: string, s: Spec = {}): IncidentRecord {
  const started = s.started ?? 0;
  const detected = started + (s.detect ?? 1);
  const ack = s.ack === undefined ? 2 : s.ack;
  const resolve = s.resolve === undefined ? 20 : s.resolve;
  const base = buildRecord();
  return buildRecord({
    id,
    severity: s.severity ?? "P2",
    status: s.status ?? (resolve === null ? "investigating" : "resolved"),
    timestamps: {
      started: at(started),
      detected: at(detected),
      acknowledged: ack === null ? null : at(detected + ack),
      mitigated: null,
      resolved: resolve === null ? null : at(started + resolve),
      closed: null,
    },
    rootCause: { category: s.category ?? null, text: null },
    actionItems: s.actionItems ?? [],
    links: { ...base.links, postmortemPath: s.postmortemPath ?? null },
  });
}

const metrics = (records: IncidentRecord[], range = RANGE) => computeMetrics(records, policies, range);

describe("computeMetrics: time to acknowledge, detect, recover", () => {
  it("takes means and medians over resolved incidents and compares the mean with the target", () => {
    const records = [
      incident("a", { detect: 1, ack: 2, resolve: 20 }),
      incident("b", { detect: 2, ack: 4, resolve: 30 }),
      incident("c", { detect: 6, ack: 9, resolve: 70 }),
      incident("open", { detect: 50, ack: 50, resolve: null }), // counted, not measured
    ];
    const r = metrics(records);
    expect([r.mtta, r.mttd, r.mttr]).toEqual([
      { measured: 3, meanMs: 5 * MIN, medianMs: 4 * MIN, targetMs: 5 * MIN, verdict: "met" },
      { measured: 3, meanMs: 3 * MIN, medianMs: 2 * MIN, targetMs: 2 * MIN, verdict: "missed" },
      { measured: 3, meanMs: 40 * MIN, medianMs: 30 * MIN, targetMs: 30 * MIN, verdict: "missed" },
    ]);
    expect(r.incidents).toEqual({ total: 4, bySeverity: { P0: 0, P1: 0, P2: 4, P3: 0 }, unresolved: 1, unresolvedIds: ["open"] });
  });

  it.each([
    ["an even count: the median is the mean of the middle two", [{ ack: 1 }, { ack: 2 }, { ack: 4 }, { ack: 9 }], { measured: 4, meanMs: 4 * MIN, medianMs: 3 * MIN }],
    ["an unacknowledged resolved incident is left out of MTTA", [{ ack: 3 }, { ack: null }], { measured: 1, meanMs: 3 * MIN, medianMs: 3 * MIN }],
    ["out-of-order timestamps are not measured", [{ ack: 3 }, { ack: -2 }], { measured: 1, meanMs: 3 * MIN, medianMs: 3 * MIN }],
    ["only unresolved incidents: n/a", [{ resolve: null }], { measured: 0, meanMs: "n/a", medianMs: "n/a" }],
  ] as [string, Spec[], object][])("MTTA with %s", (_name, specs, expected) => {
    const { mtta } = metrics(specs.map((s, i) => incident(`i${i}`, s)));
    expect({ measured: mtta.measured, meanMs: mtta.meanMs, medianMs: mtta.medianMs }).toEqual(expected);
  });

  it("counts incidents by detection time: from inclusive, to exclusive", () => {
    const records = [
      incident("before", { started: -10, detect: 9 }), // detected 1 minute before `from`
      incident("first", { started: -10, detect: 10 }), // detected at `from`
      incident("at-end", { started: 20, detect: 10 }), // detected at `to`
    ];
    expect(metrics(records, { from: at(0), to: at(30) }).incidents.total).toBe(1);
    expect(metrics(records, { from: at(0), to: at(31) }).incidents).toMatchObject({ total: 2 });
  });
});

describe("computeMetrics: no records", () => {
  it("says n/a everywhere and never divides by zero", () => {
    const { availability, series, ...r } = metrics([]);
    expect(availability.components.map((c) => [c.component, c.availability, c.downtimeMs])).toEqual([["API Endpoints", 1, 0], ["Web Application", 1, 0], ["Database Layer", 1, 0], ["Authentication Service", 1, 0]]);
    expect(availability.overall).toBe(1);
    expect(series.buckets.map((b) => b.label)).toEqual(["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]);
    expect([...Object.values(series.incidents).flat(), ...Object.values(series.mttr).flat().filter((v) => v !== null)]).toEqual(Array(24).fill(0));
    const none = { met: 0, missed: 0, undecided: 0, rate: "n/a", verdict: "n/a", missedIds: [] };
    expect(r).toEqual({
      range: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
      incidents: { total: 0, bySeverity: { P0: 0, P1: 0, P2: 0, P3: 0 }, unresolved: 0, unresolvedIds: [] },
      mtta: { measured: 0, meanMs: "n/a", medianMs: "n/a", targetMs: 5 * MIN, verdict: "n/a" },
      mttd: { measured: 0, meanMs: "n/a", medianMs: "n/a", targetMs: 2 * MIN, verdict: "n/a" },
      mttr: { measured: 0, meanMs: "n/a", medianMs: "n/a", targetMs: 30 * MIN, verdict: "n/a" },
      sla: [
        { severity: "P0", incidents: 0, response: { targetMs: 5 * MIN, ...none }, resolution: { targetMs: 2 * HOUR, ...none } },
        { severity: "P1", incidents: 0, response: { targetMs: 15 * MIN, ...none }, resolution: { targetMs: 4 * HOUR, ...none } },
        { severity: "P2", incidents: 0, response: { targetMs: HOUR, ...none }, resolution: { targetMs: 24 * HOUR, ...none } },
        { severity: "P3", incidents: 0, response: { targetMs: 4 * HOUR, ...none }, resolution: { targetMs: 72 * HOUR, ...none } },
      ],
      recurrence: { part: 0, whole: 0, rate: "n/a", target: 0.1, bound: "max", verdict: "n/a", recurringIds: [], uncategorised: 0, windowMs: 90 * 24 * HOUR },
      postmortems: { part: 0, whole: 0, rate: "n/a", target: 1, bound: "min", verdict: "n/a", severities: ["P0", "P1"], missingIds: [], notDue: 0 },
      actionItems: { part: 0, whole: 0, rate: "n/a", target: 0.9, bound: "min", verdict: "n/a", definition: ACTION_ITEM_DEFINITION, open: 0, missed: [] },
    });
  });
});

describe("computeMetrics: SLA compliance", () => {
  // Range ends 4h after T0; P0 targets are 5m response, 2h resolution.
  const range = { from: RANGE.from, to: at(240) };
  it.each([
    ["acknowledged in 3m", { ack: 3 }, "met"],
    ["acknowledged in 7m", { ack: 7 }, "missed"],
    ["unacknowledged, detected 2m before the end", { started: 237, ack: null, resolve: null }, "undecided"],
    ["unacknowledged, open for an hour", { started: 180, ack: null, resolve: null }, "missed"],
    ["resolved in 3m without an acknowledgement", { ack: null, resolve: 4 }, "undecided"],
    ["resolved in 30m without an acknowledgement", { ack: null, resolve: 31 }, "missed"],
  ] as [string, Spec, string][])("response: %s → %s", (_name, spec, expected) => {
    const { response } = metrics([incident("x", { severity: "P0", ...spec })], range).sla[0]!;
    expect({ met: response.met, missed: response.missed, undecided: response.undecided }).toEqual({
      met: expected === "met" ? 1 : 0,
      missed: expected === "missed" ? 1 : 0,
      undecided: expected === "undecided" ? 1 : 0,
    });
  });

  it("reports the share met per severity with the misses by id", () => {
    const records = [
      incident("p0-fast", { severity: "P0", resolve: 60 }),
      incident("p0-slow", { severity: "P0", ack: 6, resolve: 180 }),
      incident("p0-open-late", { severity: "P0", started: 100, resolve: null }), // 140m open > 2h
      incident("p0-open-early", { severity: "P0", started: 200, resolve: null }), // 40m open
      incident("p1", { severity: "P1", ack: 14, resolve: 239 }),
    ];
    const [p0, p1] = metrics(records, range).sla;
    expect(p0).toEqual({
      severity: "P0",
      incidents: 4,
      response: { targetMs: 5 * MIN, met: 3, missed: 1, undecided: 0, rate: 0.75, verdict: "missed", missedIds: ["p0-slow"] },
      resolution: { targetMs: 2 * HOUR, met: 1, missed: 2, undecided: 1, rate: 1 / 3, verdict: "missed", missedIds: ["p0-slow", "p0-open-late"] },
    });
    expect(p1).toMatchObject({ incidents: 1, response: { rate: 1, verdict: "met" }, resolution: { rate: 1, verdict: "met" } });
  });
});

describe("computeMetrics: recurrence", () => {
  const DAY = 24 * 60;
  it.each([
    ["the same category 30 days earlier (before the range)", [-30 * DAY, "deployment"], "Deployment", 1],
    ["the same category 89 days earlier", [-89 * DAY, "deployment"], "deployment", 1],
    ["the same category 91 days earlier: outside the 90d window", [-91 * DAY, "deployment"], "deployment", 0],
    ["another category", [-1 * DAY, "config-change"], "deployment", 0],
    ["a later incident of the same category", [+5 * DAY, "deployment"], "deployment", 0],
  ] as [string, [number, string], string, number][])("%s", (_name, [offset, earlierCategory], category, recurring) => {
    const earlier = incident("earlier", { started: offset, category: earlierCategory });
    const subject = incident("subject", { category });
    // Only `subject` is in range; `earlier` (and the later one) are history.
    const range = { from: at(-1), to: at(10) };
    expect(metrics([earlier, subject], range).recurrence).toMatchObject({ part: recurring, whole: 1, recurringIds: recurring ? ["subject"] : [] });
  });

  it("leaves incidents without a category out of the rate and counts both incidents of a pair only once", () => {
    const records = [
      incident("a", { started: 0, category: "deployment" }),
      incident("b", { started: 0, category: "deployment" }), // same start: b is the repeat
      incident("c", { started: 60, category: "capacity" }),
      incident("d", { started: 120, category: null }),
    ];
    expect(metrics(records).recurrence).toEqual({
      part: 1, whole: 3, rate: 1 / 3, target: 0.1, bound: "max", verdict: "missed", recurringIds: ["b"], uncategorised: 1, windowMs: 90 * 24 * HOUR,
    });
  });
});

describe("computeMetrics: post-mortem and action-item completion", () => {
  it("counts resolved P0/P1 incidents whose post-mortem is published", () => {
    const records = [
      incident("p0-published", { severity: "P0", status: "postmortem-published" }),
      incident("p1-closed-with-pm", { severity: "P1", status: "closed", postmortemPath: "postmortems/x.md" }),
      incident("p1-closed-without", { severity: "P1", status: "closed" }),
      incident("p1-in-review", { severity: "P1", status: "postmortem-review", postmortemPath: "postmortems/y.md" }),
      incident("p0-open", { severity: "P0", resolve: null }),
      incident("p2-no-pm", { severity: "P2" }),
    ];
    expect(metrics(records).postmortems).toEqual({
      part: 2, whole: 4, rate: 0.5, target: 1, bound: "min", verdict: "missed",
      severities: ["P0", "P1"], missingIds: ["p1-closed-without", "p1-in-review"], notDue: 1,
    });
  });

  it("counts items with an issue as complete and items past due without one as missed", () => {
    const item = (title: string, due: string, issue: number | null): ActionItem => ({ title, owner: "sre", due, priority: "High", source: "manual", issue });
    const records = [
      incident("a", { actionItems: [item("tracked", "2026-11-01", 12), item("late", "2026-11-30", null), item("due today", "2026-12-01", null)] }),
      incident("b", { actionItems: [item("tracked too", "2026-12-20", 13), item("tracked, late", "2026-11-02", 14)] }),
    ];
    expect(metrics(records).actionItems).toEqual({
      part: 3, whole: 4, rate: 0.75, target: 0.9, bound: "min", verdict: "missed",
      definition: ACTION_ITEM_DEFINITION, open: 1, missed: [{ incident: "a", title: "late", due: "2026-11-30" }],
    });
  });
});
