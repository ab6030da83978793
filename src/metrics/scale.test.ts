// The metrics computed for scale (sorted starts per category, a sweep over outage boundaries, a
// fast reading of ISO instants) against the straightforward computations they replace — every pair
// of records, every piece of every component, luxon for every instant — on random records.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import { prng, randomRecords } from "../../test/metrics/random-records.js";
import type { IncidentComponentStatus, Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { normaliseCategory } from "../postmortem/facts.js";
import { between, instantMs } from "../render/format.js";
import { computeAvailability, impactOf, weightOf, type Impact } from "./availability.js";
import { computeMetrics } from "./compute.js";

const policies = shippedPolicies();
const DAY = 86_400_000;

function luxonBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const a = DateTime.fromISO(from, { setZone: true });
  const b = DateTime.fromISO(to, { setZone: true });
  return a.isValid && b.isValid ? b.toMillis() - a.toMillis() : null;
}

/** Every pair: r recurs when another record of its category started up to `windowMs` before it. */
function pairwiseRecurring(inRange: IncidentRecord[], all: IncidentRecord[], windowMs: number): string[] {
  return inRange
    .filter((r) => normaliseCategory(r.rootCause.category) !== null)
    .filter((r) =>
      all.some((h) => {
        if (h.id === r.id || normaliseCategory(h.rootCause.category) !== normaliseCategory(r.rootCause.category)) return false;
        const gap = luxonBetween(h.timestamps.started, r.timestamps.started);
        return gap !== null && gap <= windowMs && (gap > 0 || (gap === 0 && h.id < r.id));
      }),
    )
    .map((r) => r.id);
}

/** Every piece between two boundaries, with the worst state among all impacts covering it. */
function piecewiseDowntime(impacts: Impact[], component: string, from: number, to: number, weight: number): number {
  const rank: Record<IncidentComponentStatus, number> = { degraded_performance: 1, partial_outage: 2, major_outage: 3 };
  const mine = impacts
    .filter((i) => i.components.includes(component))
    .map((i) => ({ from: Math.max(i.from, from), to: Math.min(i.to ?? to, to), status: i.status }))
    .filter((i) => i.to > i.from);
  const cuts = [...new Set(mine.flatMap((i) => [i.from, i.to]))].sort((a, b) => a - b);
  let total = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k] ?? 0;
    const b = cuts[k + 1] ?? 0;
    let worst: IncidentComponentStatus | null = null;
    for (const i of mine) if (i.from <= a && i.to >= b && (worst === null || rank[i.status] > rank[worst])) worst = i.status;
    if (worst !== null) total += (b - a) * weightOf(worst, weight);
  }
  return total;
}

const cases = [
  { seed: 1, count: 300, spanDays: 120, rangeDays: 90, windowDays: 90 },
  { seed: 2, count: 400, spanDays: 30, rangeDays: 30, windowDays: 7 },
  { seed: 3, count: 250, spanDays: 730, rangeDays: 365, windowDays: 1 },
  { seed: 4, count: 300, spanDays: 10, rangeDays: 5, windowDays: 0 },
];

describe.each(cases)("metrics over $count random records (seed $seed, window $windowDays d)", ({ seed, count, spanDays, rangeDays, windowDays }) => {
  const end = "2026-11-29T00:00:00Z";
  const records = randomRecords({ count, seed, spanMs: spanDays * DAY, end });
  const range = { from: new Date(Date.parse(end) - rangeDays * DAY).toISOString(), to: end };
  const tuned: Policies = { ...policies, postmortem: { ...policies.postmortem, patterns: { ...policies.postmortem.patterns, window: windowDays * DAY } } };
  const report = computeMetrics(records, tuned, range);

  it("finds the same recurring incidents as comparing every pair", () => {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const inRange = records.filter((r) => Date.parse(r.timestamps.detected) >= from && Date.parse(r.timestamps.detected) < to);
    const expected = pairwiseRecurring(inRange, records, windowDays * DAY);
    expect(expected.length).toBeGreaterThan(windowDays === 0 ? 0 : 5); // the case exercises something
    expect([...report.recurrence.recurringIds].sort()).toEqual(expected.sort());
  });

  it("weighs the same downtime per component as checking every piece", () => {
    const impacts = records.map((r) => impactOf(r, tuned)).filter((i): i is Impact => i !== null);
    const weight = tuned.communication.statusPage.partialOutageWeight;
    const availability = computeAvailability(records, tuned, range);
    for (const c of availability.components) expect(c.downtimeMs).toBe(piecewiseDowntime(impacts, c.component, Date.parse(range.from), Date.parse(range.to), weight));
    expect(availability.components.some((c) => c.downtimeMs > 0)).toBe(true);
  });

  it("measures every duration as luxon does", () => {
    for (const r of records) {
      const t = r.timestamps;
      for (const [a, b] of [[t.started, t.detected], [t.detected, t.acknowledged], [t.started, t.resolved]] as const) expect(between(a, b)).toBe(luxonBetween(a, b));
    }
  });
});

describe("instantMs", () => {
  it("reads every instant as luxon does, the records' form and the others", () => {
    const rnd = prng(7);
    const two = (n: number) => String(n).padStart(2, "0");
    const samples = [
      "2026-02-30T00:00:00Z", // Date.parse rolls this over to 2 March; luxon refuses it
      "2024-02-29T12:00:00Z",
      "2100-02-29T00:00:00Z",
      "2000-02-29T00:00:00Z",
      "2026-11-27T24:00:00Z",
      "2026-11-27T23:59:60Z",
      "2026-11-27T10:00:00.5Z",
      "2026-11-27T10:00:00.123456+05:30",
      "2026-11-27t10:00:00z",
      "2026-11-27 10:00:00Z",
      "2026-11-27T10:00:00+24:00",
      "2026-W48-5T10:00:00Z",
      "20261127T100000Z",
      "2026-11-27",
      "not a date",
      "",
    ];
    for (let i = 0; i < 3000; i++) {
      // Mostly in range, sometimes just outside: month 0–13, day 0–32, hour 0–24, offsets.
      const y = 1999 + Math.floor(rnd() * 110);
      const date = `${y}-${two(Math.floor(rnd() * 14))}-${two(Math.floor(rnd() * 33))}`;
      const time = `${two(Math.floor(rnd() * 25))}:${two(Math.floor(rnd() * 61))}:${two(Math.floor(rnd() * 61))}`;
      const frac = rnd() < 0.3 ? `.${String(Math.floor(rnd() * 1000)).padStart(3, "0")}` : "";
      const zone = rnd() < 0.5 ? "Z" : `${rnd() < 0.5 ? "+" : "-"}${two(Math.floor(rnd() * 25))}:${two(Math.floor(rnd() * 61))}`;
      samples.push(`${date}T${time}${frac}${zone}`);
    }
    for (const s of samples) {
      const l = DateTime.fromISO(s, { setZone: true });
      expect(instantMs(s), s).toBe(l.isValid ? l.toMillis() : null);
    }
  });
});
