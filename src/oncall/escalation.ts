// Escalation timing: from an escalation policy, the business-day calendar and an incident's own
// timestamps, which steps are due now and when the next one falls due — so a timer can sleep
// exactly until then. Pure: `now` is an argument.
import type { BusinessCalendar, EscalationPolicy, EscalationTarget, Policies, Severity } from "../config/types.js";
import { DAY, type Instant, MINUTE, instantMs, isoUtc, isoWeekday, localDay, zoneClock } from "./zone.js";
import { whoIsOnCall } from "./rotation.js";

/** What escalation needs to know about an incident; the full record type lives elsewhere. */
export interface EscalationIncident {
  severity: Severity;
  triggeredAt: string; // ISO 8601
  acknowledgedAt: string | null;
  resolvedAt?: string | null;
  /** How many entries of the schedule (steps × rounds, then fallback) have fired, in order. */
  escalationsFired: number;
  rotation?: string | null; // the incident's routed rotation, for `rotation: routed` targets
  commander?: string | null;
}

export interface ScheduleEntry {
  index: number; // position in the schedule; compare with escalationsFired
  round: number; // 0 = first pass, 1.. = repeats
  step: number | "fallback"; // 0-based step index
  deadline: number; // epoch ms; Infinity when it can never come (no business days)
  targets: EscalationTarget[];
}

export interface ResolvedTarget {
  target: EscalationTarget;
  logins: string[];
  reason: string;
}

export interface DueStep {
  index: number;
  round: number;
  step: number | "fallback";
  deadline: string;
  targets: ResolvedTarget[];
}

export interface EscalationDue {
  due: DueStep[];
  nextDeadline: string | null;
}

export type EscalationPeople = Pick<Policies, "rotations" | "teams">;

/** Business-hours start of the first business day after the local date of `ms`; null if none within a year. */
export function nextBusinessDayStart(ms: number, calendar: BusinessCalendar): number | null {
  const clock = zoneClock(calendar.timeZone);
  const [h, m] = calendar.start.split(":").map(Number);
  const startMin = (h ?? 9) * 60 + (m ?? 0);
  let day = localDay(clock.toLocal(ms));
  for (let i = 0; i < 400; i++) {
    day += 1;
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    if (!calendar.days.includes(isoWeekday(day * DAY)) || calendar.holidays.includes(date)) continue;
    return clock.toInstant(day * DAY + startMin * MINUTE);
  }
  return null;
}

/** Every entry the policy will ever fire for an incident triggered at `triggeredMs`, in order. */
export function escalationSchedule(policy: EscalationPolicy, calendar: BusinessCalendar, triggeredMs: number): ScheduleEntry[] {
  const out: ScheduleEntry[] = [];
  let prev = triggeredMs;
  for (let round = 0; round <= policy.repeat; round++) {
    policy.steps.forEach((s, step) => {
      const wait = round > 0 && step === 0 ? policy.repeatAfter : s.delay;
      const base = s.nextBusinessDay ? (Number.isFinite(prev) ? nextBusinessDayStart(prev, calendar) ?? Infinity : Infinity) : prev;
      prev = base + wait;
      out.push({ index: out.length, round, step, deadline: prev, targets: s.targets });
    });
  }
  if (policy.fallback.length > 0) {
    out.push({ index: out.length, round: policy.repeat, step: "fallback", deadline: prev + policy.fallbackDelay, targets: policy.fallback });
  }
  return out;
}

export function resolveTarget(t: EscalationTarget, incident: EscalationIncident, people: EscalationPeople | undefined, ms: number): ResolvedTarget {
  if (t.kind === "person") return { target: t, logins: [t.id], reason: `named: ${t.id}` };
  if (t.kind === "commander") {
    return incident.commander ? { target: t, logins: [incident.commander], reason: "the incident commander" } : { target: t, logins: [], reason: "no commander assigned yet" };
  }
  if (!people) return { target: t, logins: [], reason: "not resolved (no policies given)" };
  if (t.kind === "team") {
    const team = people.teams[t.id];
    if (!team) return { target: t, logins: [], reason: `unknown team ${t.id}` };
    if (t.lead) return { target: t, logins: team.lead ? [team.lead] : [], reason: team.lead ? `lead of team ${t.id}` : `team ${t.id} has no lead` };
    return { target: t, logins: team.members, reason: `members of team ${t.id}` };
  }
  const id = t.id === "routed" ? incident.rotation ?? "" : t.id;
  const rotation = people.rotations[id];
  if (!rotation) return { target: t, logins: [], reason: t.id === "routed" ? "the incident has no routed rotation" : `unknown rotation ${id}` };
  const oc = whoIsOnCall(rotation, ms);
  const role = t.role ?? "primary";
  const logins = role === "all" ? [oc.primary, oc.secondary] : [oc[role]];
  const found = logins.filter((l): l is string => l !== null);
  return { target: t, logins: found, reason: found.length > 0 ? `${role} on call in ${id}` : `nobody on call in ${id}` };
}

/**
 * Steps due at `now` (deadline passed, not yet fired) with their people resolved at `now`, and the
 * next deadline after `now`. An acknowledged or resolved incident escalates no further.
 */
export function escalationDue(
  incident: EscalationIncident,
  policy: EscalationPolicy,
  calendar: BusinessCalendar,
  now: Instant,
  people?: EscalationPeople,
): EscalationDue {
  const nowMs = instantMs(now);
  const triggered = instantMs(incident.triggeredAt);
  if (nowMs === null) throw new RangeError(`not a point in time: ${String(now)}`);
  if (triggered === null) throw new RangeError(`incident triggeredAt is not a date-time: ${incident.triggeredAt}`);
  if (incident.acknowledgedAt || incident.resolvedAt) return { due: [], nextDeadline: null };
  const pending = escalationSchedule(policy, calendar, triggered).filter((e) => e.index >= incident.escalationsFired);
  const due = pending
    .filter((e) => e.deadline <= nowMs)
    .map((e) => ({
      index: e.index,
      round: e.round,
      step: e.step,
      deadline: isoUtc(e.deadline),
      targets: e.targets.map((t) => resolveTarget(t, incident, people, nowMs)),
    }));
  const next = pending.find((e) => e.deadline > nowMs && Number.isFinite(e.deadline));
  return { due, nextDeadline: next ? isoUtc(next.deadline) : null };
}
