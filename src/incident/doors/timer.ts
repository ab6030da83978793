// The timer door: acts on every deadline of one incident that is due at `now`, exactly once. Called by
// the armed timer run (a dispatched job that slept until its deadline) and by the `schedule:`
// backstop alike; both re-read the record first, and the record says what already fired, so
// whichever comes second finds nothing left to do. A newer state makes older timers stand down:
// an acknowledged incident no longer escalates, a resolved one gets no reminders.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import { escalationDue } from "../../oncall/escalation.js";
import { BOT_ACTOR, formatDuration } from "../../render/index.js";
import { ackDeadline, escalationPolicyFor, iso, lastUpdateAt, ms, nextDeadline, reminderDeadline, slaDeadline, TIMER_HORIZON_MS } from "../deadlines.js";
import { addComment, because, draftOf, withEntry, type Draft } from "../draft.js";
import { fireEscalation, pageMention } from "../escalate.js";
import { finish, type Finished, type IssueFacts } from "../finish.js";
import type { Plan } from "../../plan/plan.js";
import type { IncidentRecord } from "../record.js";

export interface TimerInput {
  record: IncidentRecord; // freshly re-read: never the record the timer was armed with
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO; at or after the armed deadline
  issue?: IssueFacts;
}

export function timerCheck(input: TimerInput): Finished {
  const { record, policies, now } = input;
  let draft = draftOf(record);
  draft = escalate(draft, input);
  draft = remind(draft, policies, now);
  draft = breachSla(draft, policies, now);
  return finish(record, draft, { policies, onCall: input.onCall, now, ...(input.issue ? { issue: input.issue } : {}) });
}

/**
 * A timer run at its deadline (`armedAt`): acts on what is due. It is the timer for `armedAt`, so it
 * never arms that instant again (it would only wake itself).
 */
export function timerDoor(input: TimerInput & { armedAt: string }): Plan {
  const done = timerCheck(input);
  const effects = done.effects.filter((e) => !(e.kind === "timer.arm" && e.at === input.armedAt));
  const id = input.record.id;
  return done.record
    ? { door: "timer", now: input.now, decision: "timer-acted", reason: `timer for ${input.armedAt}: ${effects.length} effect(s)`, incidentIds: [id], effects }
    : { door: "timer", now: input.now, decision: "timer-idle", reason: `timer for ${input.armedAt}: nothing due (the incident moved on)`, incidentIds: [id], effects: [] };
}

/**
 * A timer run woken for a deadline farther than the timer horizon (deadlines.ts) does not hold a
 * runner for it: it ends at once, and the hourly backstop arms a timer when the deadline is within
 * the hour.
 */
export function deferTimer(incidentId: string, at: string, now: string): Plan {
  return {
    door: "timer",
    now,
    decision: "timer-deferred",
    reason: `deadline ${at} is more than ${TIMER_HORIZON_MS / 60_000} min away: the schedule backstop arms a timer when it comes within reach`,
    incidentIds: [incidentId],
    effects: [],
  };
}

/** Whether a waiting timer run for `at` still has work (else whoever moved the deadline armed the new one). */
export function timerStillDue(record: IncidentRecord | null, policies: Policies, at: string): boolean {
  return record !== null && nextDeadline(record, policies) === at;
}

function escalate(draft: Draft, input: TimerInput): Draft {
  const { record, policies, now } = input;
  if (record.status !== "triggered") return draft;
  const policy = escalationPolicyFor(record, policies);
  const ack = ackDeadline(record, policies);
  // Responders have their response time to acknowledge before anyone else is paged.
  if (!policy || ms(now) < ack) return draft;
  const due = escalationDue(
    { severity: record.severity, triggeredAt: record.timestamps.detected, acknowledgedAt: record.timestamps.acknowledged, resolvedAt: record.timestamps.resolved, escalationsFired: record.escalation.stepsFired, rotation: record.rotation, commander: record.commander },
    policy,
    policies.escalation.calendar,
    now,
  ).due;
  if (due.length === 0) return draft;
  const waited = formatDuration(ms(now) - ms(record.timestamps.detected));
  const why = `This ${record.severity} incident has not been acknowledged ${waited} after it was detected (target: ${formatDuration(policies.severities[record.severity].responseTime)}).`;
  const steps = due.map((d) => ({ index: d.index, round: d.round, step: d.step, targets: d.targets.map((t) => t.target) }));
  return fireEscalation(draft, steps, { policies, onCall: input.onCall, now, actor: BOT_ACTOR, why });
}

function remind(draft: Draft, policies: Policies, now: string): Draft {
  const record = draft.record;
  const due = reminderDeadline(record, policies);
  if (due === null || ms(now) < due) return draft;
  const every = formatDuration(policies.severities[record.severity].updateEvery);
  const since = formatDuration(ms(now) - lastUpdateAt(record));
  // The commander is paged on purpose: the reminder is for them.
  const who = record.commander ? pageMention(record.commander) : "Responders";
  const body = `${who}: a status update is due for this ${record.severity} incident (every ${every}; last one ${since} ago). Post it with \`/update <progress>\`.`;
  const updated = withEntry(record, { at: now, actor: BOT_ACTOR, kind: "reminder", text: `Status update due (every ${every})` });
  return addComment(because({ ...draft, record: updated }, "status update reminder"), { key: `reminder:${iso(due)}`, body, reason: `status update reminder for ${record.id}` });
}

function breachSla(draft: Draft, policies: Policies, now: string): Draft {
  const record = draft.record;
  const due = slaDeadline(record, policies);
  if (due === null || ms(now) < due) return draft;
  const target = formatDuration(policies.severities[record.severity].resolutionTarget);
  const updated = withEntry(record, { at: now, actor: BOT_ACTOR, kind: "sla", text: `Resolution target of ${target} for ${record.severity} missed (due ${iso(due)})` });
  return because({ ...draft, record: updated }, "SLA breached");
}
