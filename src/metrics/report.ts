// The shape of the metrics report: plain data computed from incident records (compute.ts) and
// rendered for people (format.ts) or printed as JSON by `incident metrics --json`.
import type { Severity } from "../config/types.js";
import type { AvailabilityReport } from "./availability.js";
import type { MetricsSeries } from "./series.js";

/** "n/a": nothing to measure (no incidents, or none with the timestamps a value needs). Never a 0/0. */
export type NA = "n/a";
export type Verdict = "met" | "missed" | "n/a";

/** A mean time over the incidents that have both timestamps. Durations in milliseconds. */
export interface TimeMetric {
  /** Incidents the mean and median are taken over. */
  measured: number;
  meanMs: number | NA;
  medianMs: number | NA;
  targetMs: number;
  /** The mean against the target: met when mean ≤ target (the requirements state these as means). */
  verdict: Verdict;
}

/** A share: part ÷ whole, with the policy's bound and which way it points. */
export interface Rate {
  part: number;
  whole: number;
  rate: number | NA;
  target: number;
  /** "max": met when rate ≤ target (recurrence); "min": met when rate ≥ target (completion). */
  bound: "max" | "min";
  verdict: Verdict;
}

/** One SLA clause for one severity. Undecided incidents (still inside their target) are left out. */
export interface SlaClause {
  targetMs: number;
  met: number;
  missed: number;
  undecided: number;
  rate: number | NA;
  /** met when every decided incident met the target; missed when any did not. */
  verdict: Verdict;
  missedIds: string[];
}

export interface SlaRow {
  severity: Severity;
  incidents: number;
  response: SlaClause;
  resolution: SlaClause;
}

export interface MetricsReport {
  range: { from: string; to: string };
  incidents: {
    total: number;
    bySeverity: Record<Severity, number>;
    /** In range but without a resolved time: counted here, left out of every time mean. */
    unresolved: number;
    unresolvedIds: string[];
  };
  mtta: TimeMetric;
  mttd: TimeMetric;
  mttr: TimeMetric;
  sla: SlaRow[];
  recurrence: Rate & {
    /** Incidents whose category occurred in an earlier incident within the pattern window. */
    recurringIds: string[];
    /** In range without a root-cause category: cannot be judged, so not in `whole`. */
    uncategorised: number;
    windowMs: number;
  };
  postmortems: Rate & {
    severities: Severity[];
    /** Resolved, of the policy's severities, and not published. */
    missingIds: string[];
    /** Of the policy's severities but not resolved yet: not due, so not in `whole`. */
    notDue: number;
  };
  actionItems: Rate & {
    /** What "complete" means here, since the record has no completion flag. */
    definition: string;
    /** Items not yet due and without an issue: neither complete nor missed, so not in `whole`. */
    open: number;
    missed: { incident: string; title: string; due: string }[];
  };
  /** Status-page components over the range, from incident durations (availability.ts). */
  availability: AvailabilityReport;
  /** Counts and mean times per week (or month) of the range (series.ts). */
  series: MetricsSeries;
}
