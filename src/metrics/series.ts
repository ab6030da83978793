// The metrics over time: the range cut into UTC weeks (Monday to Monday) — or calendar months when
// that would be more than 26 weeks — with incident counts and MTTA/MTTD/MTTR per bucket and
// severity. The dashboard's charts and the Mermaid charts of `incident metrics --markdown` both draw
// this, with the same definitions as the report: incidents belong to the bucket of their detection
// time, and time means are over resolved incidents (compute.ts).
import { SEVERITIES, type Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { durations } from "../postmortem/facts.js";
import { isResolved, timeMetric, type MetricsRange } from "./compute.js";

export type BucketUnit = "week" | "month";

export interface Bucket {
  label: string; // "2026-03-02" (the week's Monday) or "2026-03"
  from: number; // epoch ms, inclusive
  to: number; // epoch ms, exclusive
}

/** A mean duration per bucket in ms, null where nothing was measured. */
export type TimeSeries = (number | null)[];

export interface MetricsSeries {
  unit: BucketUnit;
  buckets: Bucket[];
  incidents: Record<Severity, number[]>;
  /** Per severity, and "all" severities together. */
  mtta: Record<Severity | "all", TimeSeries>;
  mttd: Record<Severity | "all", TimeSeries>;
  mttr: Record<Severity | "all", TimeSeries>;
}

const DAY = 86_400_000;
const MAX_WEEKS = 26;

/** Buckets covering [from, to): the first and last are clipped to the range. */
export function buckets(range: MetricsRange): { unit: BucketUnit; buckets: Bucket[] } {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const unit: BucketUnit = (to - from) / (7 * DAY) > MAX_WEEKS ? "month" : "week";
  const out: Bucket[] = [];
  let start = unit === "week" ? mondayOf(from) : monthOf(from);
  while (start < to) {
    const next = unit === "week" ? start + 7 * DAY : nextMonth(start);
    out.push({ label: new Date(start).toISOString().slice(0, unit === "week" ? 10 : 7), from: Math.max(start, from), to: Math.min(next, to) });
    start = next;
  }
  return { unit, buckets: out };
}

function mondayOf(ms: number): number {
  const d = new Date(ms);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY;
}

function monthOf(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Incident counts and mean times per bucket of `range`, from the records detected in it. */
export function metricsSeries(records: readonly IncidentRecord[], range: MetricsRange): MetricsSeries {
  const { unit, buckets: list } = buckets(range);
  const inBucket = (b: Bucket) => records.filter((r) => {
    const detected = Date.parse(r.timestamps.detected);
    return detected >= b.from && detected < b.to;
  });
  const perBucket = list.map(inBucket);
  const mean = (key: "acknowledge" | "detect" | "resolve"): Record<Severity | "all", TimeSeries> => {
    const of = (rs: IncidentRecord[]): number | null => {
      const m = timeMetric(rs.filter(isResolved).map((r) => durations(r)[key]), 0).meanMs;
      return m === "n/a" ? null : m;
    };
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, perBucket.map((rs) => of(rs.filter((r) => r.severity === s)))]));
    return { ...bySeverity, all: perBucket.map(of) } as Record<Severity | "all", TimeSeries>;
  };
  return {
    unit,
    buckets: list,
    incidents: Object.fromEntries(SEVERITIES.map((s) => [s, perBucket.map((rs) => rs.filter((r) => r.severity === s).length)])) as Record<Severity, number[]>,
    mtta: mean("acknowledge"),
    mttd: mean("detect"),
    mttr: mean("resolve"),
  };
}
