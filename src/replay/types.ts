// What a policy change would have done: the shapes of a replay of recorded alerts through two
// policy sets (base and head of a pull request, or two git refs), and of the on-call comparison.
import type { Alert } from "../alerts/types.js";
import type { Severity } from "../config/types.js";
import type { ShiftRewrite } from "../oncall/changes.js";

/** One recorded alert episode, as the replay feeds it back: at the time it was first received. */
export interface ReplayAlert {
  key: string; // fingerprint + startsAt: one episode
  alert: Alert;
  at: string; // ISO: when it was received, the decision's time
  /** ISO: when it resolved (the record's endsAt), if it did; fed back as a resolved alert. */
  resolvedAt: string | null;
  /** The incident it was recorded in, for links. */
  incidentId: string;
  issue: number | null;
  /** ISO: when that incident was resolved by people or timers (null: still open). */
  incidentResolvedAt: string | null;
}

export type Suppressed = "silenced" | "inhibited" | "muted";

/** What one policy set did with one alert, at its time, given the alerts replayed before it. */
export interface AlertOutcome {
  suppressed: Suppressed | null;
  /** The reason the engine gave ("silenced by silence …"); null when not suppressed. */
  suppressedBy: string | null;
  severity: Severity; // the alert's own classification
  route: string;
  team: string | null;
  rotation: string | null;
  /** Logins paged because of this alert: its incident opened, or was raised, with it. */
  paged: string[];
  /** Commander of the incident the alert ends in. */
  commander: string | null;
  /** The simulated incident it ends in (ids are per replay; compare groups, not ids). */
  incident: string | null;
  /** Severity of that incident after this alert. */
  incidentSeverity: Severity | null;
}

export const CHANGE_FIELDS = ["suppression", "severity", "route", "team", "rotation", "paged", "commander", "grouping"] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface AlertComparison {
  alert: ReplayAlert;
  base: AlertOutcome;
  head: AlertOutcome;
  /** Keys of the alerts grouped with this one in each replay (itself excluded). */
  groupedWith: { base: string[]; head: string[] };
  changed: ChangeField[];
}

export interface OnCallPair {
  primary: string | null;
  secondary: string | null;
}

/** A stretch in which a rotation's answer differs between base and head (null: no such rotation). */
export interface OnCallDifference {
  rotation: string;
  timeZone: string;
  start: number; // epoch ms
  end: number;
  base: OnCallPair | null;
  head: OnCallPair | null;
}

/** A silence or maintenance window the change adds, removes or edits, and what it would cover. */
export interface SilenceChange {
  id: string;
  origin: "silence" | "maintenance";
  change: "added" | "removed" | "changed";
  starts: string;
  ends: string;
  owner: string | null;
  reason: string;
  matchers: string; // Alertmanager form, or "services a, b"
  /** Replayed alerts its matchers match, whatever their time: what it would have covered. */
  matching: number;
}

export interface ReplayReport {
  /** Alerts replayed, and the span of their times. */
  replayed: number;
  from: string | null;
  to: string | null;
  /** Episodes in the records beyond the limit, not replayed. */
  notReplayed: number;
  counts: Record<ChangeField, number>;
  /** Alerts with any change. */
  changedAlerts: number;
  incidents: { base: number; head: number };
  /** Every alert with a change, in time order. */
  differences: AlertComparison[];
  oncall: { from: string; to: string; days: number; rotations: number; differences: OnCallDifference[] };
  silences: SilenceChange[];
  /** Changes to rotations that would rewrite started shifts (src/oncall/changes.ts). */
  rewrites: ShiftRewrite[];
}
