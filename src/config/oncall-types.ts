// The normalised on-call model: rotations, their layers and overrides, the commander policy and
// escalation. Part of the policy model in types.ts, kept apart because it is a world of its own.
import type { DurationMs, Severity, SourceRef } from "./types.js";

export interface Availability {
  days: number[]; // ISO weekday 1=Mon … 7=Sun
  start: string; // "09:00"
  end: string; // "17:00"; "24:00" allowed
}

export interface RotationLayer {
  name: string;
  members: string[];
  shift: DurationMs; // 1d, 7d or custom
  handoff: { weekday: number | null; time: string }; // weekday for weekly shifts
  restrictions: Availability[]; // empty = always
  /**
   * ISO instant at which a shift of this layer starts with its first member (PagerDuty's
   * rotation_virtual_start); null: the last handoff at or before the schedule's effective_from.
   */
  anchor: string | null;
}

export type MemberDetails = Record<string, { expertise: string[]; senior: boolean; availability: Availability[] }>;

/**
 * An earlier schedule of a rotation, kept so that shifts before a change stay as they were: it is
 * in effect from its `effectiveFrom` until the next version's (the current one is the rotation's
 * own `effectiveFrom`, `layers` and `members`).
 */
export interface RotationVersion {
  effectiveFrom: string; // ISO date-time
  layers: RotationLayer[];
  members: MemberDetails;
}

export interface Override {
  start: string; // ISO date-time with offset
  end: string;
  member: string;
  replaces: string | null; // member replaced, null = whoever is on call
  role: "primary" | "secondary";
  source: SourceRef;
}

export interface Rotation {
  id: string;
  name: string;
  timeZone: string; // IANA
  effectiveFrom: string; // ISO date-time; the current schedule is in effect from here, shifts counted from here
  layers: RotationLayer[]; // primary comes from the first layer that covers `at`
  /** Members, with expertise and seniority, keyed by GitHub login. */
  members: MemberDetails;
  /** Earlier schedules, oldest first, each before the next one's effectiveFrom (and all before effectiveFrom). */
  history: RotationVersion[];
  overrides: Override[];
  allowGaps: boolean; // coverage gaps are allowed (not an error)
  source: SourceRef;
}

export interface CommanderRule {
  if: { type?: string; severity?: Severity[] } | null; // null = else
  assign: { kind: "person"; login: string } | { kind: "role"; role: "security-lead" | "senior-on-call" | "primary-on-call" | "commander-rotation" };
}

export interface CommanderPolicy {
  rotation: string; // rotation id holding the commanders (availability windows)
  securityLead: string; // team id whose lead is the security lead
  rules: CommanderRule[];
}

export interface EscalationTarget {
  kind: "rotation" | "team" | "person" | "commander";
  id: string; // rotation id ("routed" = the incident's routed rotation) / team id / login; "" for commander
  role?: "primary" | "secondary" | "all"; // rotation targets
  lead?: boolean; // team targets: only the team's lead
}

export interface EscalationStep {
  /** Wait after the previous step's deadline (first step: after the incident was triggered). */
  delay: DurationMs;
  /** Due at business-hours start of the next business day after the previous deadline (+ delay). */
  nextBusinessDay: boolean;
  targets: EscalationTarget[];
}

export interface EscalationPolicy {
  id: string;
  description: string;
  steps: EscalationStep[];
  repeat: number; // times to run the steps again after the last
  repeatAfter: DurationMs; // wait after the last step before a repeat's first step
  fallback: EscalationTarget[]; // after all steps and repeats; [] = none
  fallbackDelay: DurationMs; // wait after the last step (of the last repeat) before the fallback
  source: SourceRef;
}

export interface BusinessCalendar {
  timeZone: string;
  days: number[]; // ISO weekdays that are business days
  start: string; // "09:00"
  end: string; // "17:00"
  holidays: string[]; // "2026-12-25"
}
