// The policy model of Alertmanager's suppression features: time intervals (routes mute or are
// active during them) and inhibition rules (a firing source alert silences matching targets).
import type { Matcher, SourceRef } from "./types.js";

/** An inclusive range of integers: weekdays (0 = Sunday), days of the month (negative: from its end), months (1–12), years. */
export interface IntRange {
  begin: number;
  end: number;
}

/** One Alertmanager `time_intervals[].time_intervals[]` entry: every field that is set must contain the instant. */
export interface TimeIntervalSpec {
  times: { startMinute: number; endMinute: number }[] | null; // minutes of the day, end exclusive
  weekdays: IntRange[] | null;
  daysOfMonth: IntRange[] | null;
  months: IntRange[] | null;
  years: IntRange[] | null;
  location: string | null; // IANA zone; null = UTC
}

/** A named time interval: the instant is in it when any of its specs contains it. */
export interface TimeInterval {
  name: string;
  specs: TimeIntervalSpec[];
  source: SourceRef;
}

/** Alertmanager's inhibit rule: a firing alert matching `sourceMatchers` mutes alerts matching
 * `targetMatchers` that have the same values for every `equal` label (missing = ""). */
export interface InhibitRule {
  name: string; // "rule 1" unless named
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  equal: string[];
  source: SourceRef;
}

/**
 * A silence (policies/silences/<id>.yaml, or a maintenance window that silences its services):
 * while `starts <= now < ends`, a firing alert it matches is recorded, opens no incident and
 * pages nobody — Alertmanager's silence, kept as a reviewed file that must expire.
 */
export interface Silence {
  id: string; // file stem ("db-failover-drill"), or the maintenance window's id
  origin: "silence" | "maintenance";
  /** Every matcher must match the alert's labels as routes see them (classification's `__service`, …). */
  matchers: Matcher[];
  /** Maintenance windows: the alert's classified service must be one of these; null for silences. */
  services: string[] | null;
  starts: string; // ISO instant (UTC)
  ends: string; // ISO instant (UTC), after starts
  owner: string | null; // GitHub login; required for silences
  reason: string;
  link: string | null;
  source: SourceRef;
}
