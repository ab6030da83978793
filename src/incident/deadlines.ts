// The deadlines an open incident runs against, computed from the record alone — the record says
// what has already fired (escalation.stepsFired, `reminder` and `sla` timeline entries), so a timer
// run and the schedule backstop that race, or a backstop that runs after a timer already acted,
// see the same answer and act once in total.
//
// - Escalation: the policy's schedule (escalation.yaml), anchored at detection, but nothing
//   escalates before the acknowledgement deadline (detected + severity.responseTime): responders
//   have their response time to /ack, and only then is anyone else paged. So an unacknowledged P0
//   escalates at +5m with the policy's first step, and later steps keep the policy's timing.
// - Status updates: every severity.updateEvery, measured from the last update or reminder.
// - Resolution target: detected + severity.resolutionTarget → SLA breach, once.
import type { EscalationPolicy, Policies } from "../config/types.js";
import { escalationSchedule, type ScheduleEntry } from "../oncall/escalation.js";
import type { IncidentRecord } from "./record.js";
import { isActive } from "./status.js";

export type DeadlineKind = "escalation" | "reminder" | "sla";

/**
 * A timer run sleeps on a hosted runner, billed by the minute, so it is armed only for a deadline
 * at most this far from the decision; a farther one is kept in the record unarmed, and the hourly
 * schedule backstop arms it once it comes within reach. A timer run woken for a deadline still
 * farther away than this ends at once ("timer-deferred").
 */
export const TIMER_HORIZON_MS = 60 * 60_000;

/** Whether a timer for `at` should be dispatched at `now` (ms), or left to the backstop. */
export function withinHorizon(at: string, now: number): boolean {
  return ms(at) - now <= TIMER_HORIZON_MS;
}

export interface Deadline {
  kind: DeadlineKind;
  at: number; // epoch ms
}

export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date-time: ${JSON.stringify(iso)}`);
  return t;
}

export function iso(t: number): string {
  return new Date(t).toISOString().replace(".000Z", "Z");
}

export function escalationPolicyFor(record: IncidentRecord, policies: Policies): EscalationPolicy | null {
  const id = record.escalationPolicy ?? policies.escalation.bySeverity[record.severity] ?? null;
  return id === null ? null : (policies.escalation.policies[id] ?? null);
}

export function ackDeadline(record: IncidentRecord, policies: Policies): number {
  return ms(record.timestamps.detected) + policies.severities[record.severity].responseTime;
}

/** The whole schedule of `record`'s escalation policy, anchored at detection; [] without a policy. */
export function scheduleFor(record: IncidentRecord, policies: Policies): ScheduleEntry[] {
  const policy = escalationPolicyFor(record, policies);
  return policy ? escalationSchedule(policy, policies.escalation.calendar, ms(record.timestamps.detected)) : [];
}

/** When the next unfired escalation entry falls due, or null (acknowledged, resolved, none left). */
export function escalationDeadline(record: IncidentRecord, policies: Policies): number | null {
  if (record.status !== "triggered" || record.timestamps.acknowledged !== null) return null;
  const next = scheduleFor(record, policies)[record.escalation.stepsFired];
  if (!next || !Number.isFinite(next.deadline)) return null;
  return Math.max(next.deadline, ackDeadline(record, policies));
}

/** The last status update or reminder, else detection: the update cadence counts from there. */
export function lastUpdateAt(record: IncidentRecord): number {
  let last = ms(record.timestamps.detected);
  for (const e of record.timeline) if (e.kind === "update" || e.kind === "reminder") last = Math.max(last, ms(e.at));
  return last;
}

export function reminderDeadline(record: IncidentRecord, policies: Policies): number | null {
  const every = policies.severities[record.severity].updateEvery;
  if (!isActive(record.status) || every === null || every <= 0) return null;
  return lastUpdateAt(record) + every;
}

export function slaDeadline(record: IncidentRecord, policies: Policies): number | null {
  if (!isActive(record.status) || record.timeline.some((e) => e.kind === "sla")) return null;
  return ms(record.timestamps.detected) + policies.severities[record.severity].resolutionTarget;
}

/** Every pending deadline, earliest first (may lie in the past: then it is overdue). */
export function deadlines(record: IncidentRecord, policies: Policies): Deadline[] {
  const out: Deadline[] = [];
  const add = (kind: DeadlineKind, at: number | null): void => {
    if (at !== null) out.push({ kind, at });
  };
  add("escalation", escalationDeadline(record, policies));
  add("reminder", reminderDeadline(record, policies));
  add("sla", slaDeadline(record, policies));
  return out.sort((a, b) => a.at - b.at);
}

/** The earliest pending deadline as ISO, or null when nothing is pending. */
export function nextDeadline(record: IncidentRecord, policies: Policies): string | null {
  const first = deadlines(record, policies)[0];
  return first ? iso(first.at) : null;
}
