// The metrics report the design promises — MTTA, MTTD, MTTR, SLA compliance, recurrence and
// completion rates — computed from the incident records in the repository. Pure: the records,
// the policies and the time range are arguments; nothing here reads a clock or a disk.
import { SEVERITIES, type Policies, type Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { durations, normaliseCategory } from "../postmortem/facts.js";
import { between, instantMs } from "../render/format.js";
import { computeAvailability } from "./availability.js";
import type { MetricsReport, NA, Rate, SlaClause, SlaRow, TimeMetric, Verdict } from "./report.js";
import { metricsSeries } from "./series.js";

export interface MetricsRange {
  from: string; // ISO, inclusive
  to: string; // ISO, exclusive: adjacent ranges do not count an incident twice
}

export const ACTION_ITEM_DEFINITION =
  "complete = has a tracking issue (the record does not say whether the issue is closed); missed = past its due date with no issue; items not yet due without an issue are left out";

export function computeMetrics(records: readonly IncidentRecord[], policies: Policies, range: MetricsRange): MetricsReport {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`metrics range ${range.from} → ${range.to} is not two ISO instants`);
  const inRange = records
    .filter((r) => {
      const detected = Date.parse(r.timestamps.detected);
      return detected >= from && detected < to;
    })
    .sort(byStart);
  const resolved = inRange.filter(isResolved);
  const unresolved = inRange.filter((r) => !isResolved(r));
  const success = policies.metrics.success;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, inRange.filter((r) => r.severity === s).length])) as Record<Severity, number>;

  // Time means are over resolved incidents only: an open incident's numbers can still change
  // (a late acknowledgement, a corrected start), and one population keeps the three comparable.
  const d = resolved.map(durations);
  return {
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    incidents: { total: inRange.length, bySeverity, unresolved: unresolved.length, unresolvedIds: unresolved.map((r) => r.id) },
    mtta: timeMetric(d.map((x) => x.acknowledge), success.mttaMax),
    mttd: timeMetric(d.map((x) => x.detect), success.mttdMax),
    // MTTR is started → resolved: the requirements call it Mean Time to *Recovery* (< 30 min) and
    // users are hurt from the start, not from when we noticed. It is the same `resolve` duration
    // the post-mortem and the resolution SLA use, so the report agrees with them.
    mttr: timeMetric(d.map((x) => x.resolve), success.mttrMax),
    sla: SEVERITIES.map((s) => slaRow(s, inRange.filter((r) => r.severity === s), policies, range.to)),
    recurrence: recurrence(inRange, records, policies),
    postmortems: postmortemCompletion(inRange, policies),
    actionItems: actionItemCompletion(inRange, to, success.actionItemCompletionMin),
    availability: computeAvailability(records, policies, range),
    series: metricsSeries(records, range),
  };
}

export function isResolved(r: IncidentRecord): boolean {
  return r.timestamps.resolved !== null;
}

function byStart(a: IncidentRecord, b: IncidentRecord): number {
  return Date.parse(a.timestamps.started) - Date.parse(b.timestamps.started) || a.id.localeCompare(b.id);
}

/** Negative durations (timestamps out of order) say the record is wrong, not that we were fast. */
export function timeMetric(values: (number | null)[], targetMs: number): TimeMetric {
  const xs = values.filter((v): v is number => v !== null && v >= 0).sort((a, b) => a - b);
  if (xs.length === 0) return { measured: 0, meanMs: "n/a", medianMs: "n/a", targetMs, verdict: "n/a" };
  const mean = Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 === 1 ? (xs[mid] ?? 0) : Math.round(((xs[mid - 1] ?? 0) + (xs[mid] ?? 0)) / 2);
  return { measured: xs.length, meanMs: mean, medianMs: median, targetMs, verdict: mean <= targetMs ? "met" : "missed" };
}

function share(part: number, whole: number): number | NA {
  return whole === 0 ? "n/a" : part / whole;
}

function rate(part: number, whole: number, target: number, bound: Rate["bound"]): Rate {
  const r = share(part, whole);
  const verdict: Verdict = r === "n/a" ? "n/a" : (bound === "max" ? r <= target : r >= target) ? "met" : "missed";
  return { part, whole, rate: r, target, bound, verdict };
}

type Outcome = "met" | "missed" | "undecided";

/**
 * One SLA clause for one incident, measured from `from` to `done`. Without `done` the incident has
 * waited until the end of the range (or until it resolved): past the target that is already a
 * miss, inside it the outcome is not known yet.
 */
function outcome(from: string, done: string | null, waitedUntil: string, targetMs: number): Outcome {
  const took = between(from, done);
  if (took !== null) return took <= targetMs ? "met" : "missed";
  const waited = between(from, waitedUntil);
  return waited !== null && waited > targetMs ? "missed" : "undecided";
}

function clause(incidents: IncidentRecord[], targetMs: number, judge: (r: IncidentRecord) => Outcome): SlaClause {
  const outcomes = incidents.map((r) => ({ id: r.id, o: judge(r) }));
  const met = outcomes.filter((x) => x.o === "met").length;
  const missedIds = outcomes.filter((x) => x.o === "missed").map((x) => x.id);
  const decided = met + missedIds.length;
  return {
    targetMs,
    met,
    missed: missedIds.length,
    undecided: incidents.length - decided,
    rate: share(met, decided),
    verdict: decided === 0 ? "n/a" : missedIds.length === 0 ? "met" : "missed",
    missedIds,
  };
}

function slaRow(severity: Severity, incidents: IncidentRecord[], policies: Policies, to: string): SlaRow {
  const level = policies.severities[severity];
  const earlier = (a: string | null): string => (a !== null && Date.parse(a) < Date.parse(to) ? a : to);
  return {
    severity,
    incidents: incidents.length,
    // Response is detected → acknowledged; an incident that resolved unacknowledged waited until then.
    response: clause(incidents, level.responseTime, (r) =>
      outcome(r.timestamps.detected, r.timestamps.acknowledged, earlier(r.timestamps.resolved), level.responseTime),
    ),
    resolution: clause(incidents, level.resolutionTarget, (r) =>
      outcome(r.timestamps.started, r.timestamps.resolved, to, level.resolutionTarget),
    ),
  };
}

/**
 * Share of categorised incidents in range whose root-cause category occurred in an earlier
 * incident (any record, in range or before it) that started within `postmortem.patterns.window`.
 * Categories compare as the pattern table does (normalised). Incidents without a category cannot
 * be judged either way; counting them as "not recurring" would flatter the rate, so they are
 * reported apart. Each category's starts are sorted once, so each incident is one binary search:
 * thousands of records, not their pairs.
 */
function recurrence(inRange: IncidentRecord[], all: readonly IncidentRecord[], policies: Policies): MetricsReport["recurrence"] {
  const windowMs = policies.postmortem.patterns.window;
  const starts = startsByCategory(all);
  const categorised = inRange.filter((r) => normaliseCategory(r.rootCause.category) !== null);
  const recurringIds = categorised
    .filter((r) => {
      const at = instantMs(r.timestamps.started);
      const earlier = starts.get(normaliseCategory(r.rootCause.category) ?? "");
      return at !== null && earlier !== undefined && startedBefore(earlier, at, r.id, windowMs);
    })
    .map((r) => r.id);
  return {
    ...rate(recurringIds.length, categorised.length, policies.metrics.success.recurrenceRateMax, "max"),
    recurringIds,
    uncategorised: inRange.length - categorised.length,
    windowMs,
  };
}

interface Start {
  at: number; // epoch ms
  id: string;
}

const byAtThenId = (a: Start, b: Start): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The valid start instants of the categorised records, per normalised category, by time then id. */
function startsByCategory(records: readonly IncidentRecord[]): Map<string, Start[]> {
  const out = new Map<string, Start[]>();
  for (const r of records) {
    const category = normaliseCategory(r.rootCause.category);
    const at = instantMs(r.timestamps.started);
    if (category === null || at === null) continue;
    const list = out.get(category) ?? [];
    list.push({ at, id: r.id });
    out.set(category, list);
  }
  for (const list of out.values()) list.sort(byAtThenId);
  return out;
}

/**
 * Whether another incident in `sorted` started in [at − window, at), or at the same instant with a
 * lower id (of two that started together, exactly one recurs).
 */
function startedBefore(sorted: readonly Start[], at: number, id: string, windowMs: number): boolean {
  if (windowMs < 0) return false;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.at ?? Infinity) < at - windowMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i++) {
    const s = sorted[i];
    if (s === undefined || s.at > at) return false;
    if (s.at < at ? s.id !== id : s.id < id) return true;
    if (s.at === at) return false; // the lowest id at this instant is not lower: none is
  }
  return false;
}

/** Published = status postmortem-published, or closed with a post-mortem on file. */
function published(r: IncidentRecord): boolean {
  return r.status === "postmortem-published" || (r.status === "closed" && r.links.postmortemPath !== null);
}

/** Only resolved incidents owe a post-mortem; an open one is not late yet. */
function postmortemCompletion(inRange: IncidentRecord[], policies: Policies): MetricsReport["postmortems"] {
  const { severities, min } = policies.metrics.success.postmortemCompletion;
  const owed = inRange.filter((r) => severities.includes(r.severity));
  const due = owed.filter(isResolved);
  const missingIds = due.filter((r) => !published(r)).map((r) => r.id);
  return {
    ...rate(due.length - missingIds.length, due.length, min, "min"),
    severities: [...severities],
    missingIds,
    notDue: owed.length - due.length,
  };
}

/** Due dates are calendar days ("2026-12-04"): an item is late once that whole day (UTC) has passed. */
function dueBy(due: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(due) ? Date.parse(`${due}T00:00:00Z`) + 86_400_000 : Date.parse(due);
}

/** See ACTION_ITEM_DEFINITION: the record carries no completion flag, only the tracking issue. */
function actionItemCompletion(inRange: IncidentRecord[], to: number, min: number): MetricsReport["actionItems"] {
  let complete = 0;
  let open = 0;
  const missed: { incident: string; title: string; due: string }[] = [];
  for (const r of inRange) {
    for (const item of r.actionItems) {
      if (item.issue !== null) complete += 1;
      else if (dueBy(item.due) <= to) missed.push({ incident: r.id, title: item.title, due: item.due });
      else open += 1;
    }
  }
  return { ...rate(complete, complete + missed.length, min, "min"), definition: ACTION_ITEM_DEFINITION, open, missed };
}
