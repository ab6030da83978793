// The incident status machine (DESIGN.md "Status machine"). Transitions are explicit: a command
// that asks for an illegal one gets a reply that names what is allowed, never a silent change.
// Pure: the actor and the time are arguments, and a transition appends its own timeline entry so
// that every status change is audited the same way whoever caused it (command, human edit, timer).
import type { IncidentRecord, IncidentStatus, TimelineEntry } from "./record.js";

/** The statuses of an incident that is not over (every other one of STATUSES is resolved or later). */
export const ACTIVE_STATUSES = ["triggered", "acknowledged", "investigating", "identified", "monitoring"] as const satisfies readonly IncidentStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export function isActive(status: IncidentStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly IncidentStatus[]).includes(status);
}

/** Resolved or any later state: the incident is over, whatever its post-mortem is doing. */
export function isResolved(status: IncidentStatus): boolean {
  return !isActive(status);
}

// Forward steps, plus the two backward moves responders really make: a hypothesis that turns out
// wrong (identified → investigating), a fix that does not hold (monitoring → investigating), and a
// post-mortem review that asks for changes (review → draft). Every active state may also go
// straight to resolved: incidents often end before anyone types /ack. Reopening is computed per
// record (see reopenTarget), so it is not in this table.
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  triggered: ["acknowledged", "resolved"],
  acknowledged: ["investigating", "resolved"],
  investigating: ["identified", "resolved"],
  identified: ["monitoring", "investigating", "resolved"],
  monitoring: ["resolved", "investigating"],
  resolved: ["postmortem-draft", "closed"],
  "postmortem-draft": ["postmortem-review"],
  "postmortem-review": ["postmortem-published", "postmortem-draft"],
  "postmortem-published": ["closed"],
  closed: [],
};

/**
 * Where a reopened incident goes. If the work had got past acknowledgement (investigating or
 * later), it goes back to investigating: the fix did not hold. If it was only acknowledged, or
 * never acknowledged, it goes back to acknowledged — a person just reopened it, and replaying the
 * unacknowledged escalation schedule from the original detection time would page everyone at once.
 */
export function reopenTarget(record: IncidentRecord): IncidentStatus {
  const before = statusBeforeResolution(record.timeline);
  return before === null || before === "triggered" || before === "acknowledged" ? "acknowledged" : "investigating";
}

/** The states `record` may move to now. */
export function allowedTransitions(record: IncidentRecord): IncidentStatus[] {
  const next = [...NEXT[record.status]];
  if (record.status === "resolved") next.unshift(reopenTarget(record));
  return next;
}

export type TransitionResult = { ok: IncidentRecord } | { error: string };

/**
 * When a change to `record` decided at `now` (ISO, UTC) takes effect: `now`, or the record's last
 * timeline entry when that is later. Two runs race for a record (an /ack and a /resolve, each with
 * its own clock reading); the loser decides again on the winner's record, and its change lands
 * after the winner's: the timeline stays in time order and no timestamp precedes the one it
 * follows (MTTA ≤ MTTR).
 */
export function landingTime(record: IncidentRecord, now: string): string {
  const last = record.timeline.at(-1)?.at;
  return last !== undefined && Date.parse(last) > Date.parse(now) ? last : now;
}

/**
 * Moves `record` to `to` with its timeline entry (`from → to`, then `: note` when there is one), or
 * says why not. The change takes effect at `landingTime(record, decidedAt)`.
 */
export function transition(record: IncidentRecord, to: IncidentStatus, actor: string, decidedAt: string, note: string | null = null): TransitionResult {
  const now = landingTime(record, decidedAt);
  const from = record.status;
  const allowed = allowedTransitions(record);
  if (from === to) return { error: `The incident is already ${from}.` };
  if (!allowed.includes(to)) {
    const options = allowed.length > 0 ? `from ${from} it can go to: ${allowed.join(", ")}` : `${from} is final`;
    return { error: `Cannot change status from ${from} to ${to}; ${options}.` };
  }
  const t = { ...record.timestamps };
  const reopening = from === "resolved" && isActive(to);
  if (reopening) {
    // Not resolved any more; acknowledged stays (and is set now if nobody ever acknowledged:
    // the person reopening is on it — see reopenTarget).
    t.resolved = null;
    t.mitigated = null;
    t.acknowledged ??= now;
  }
  if (to === "acknowledged") t.acknowledged ??= now;
  if (to === "monitoring") t.mitigated ??= now;
  if (to === "resolved") t.resolved = now;
  if (to === "closed") t.closed ??= now;
  const entry: TimelineEntry = { at: now, actor, kind: "status", text: `${from} → ${to}${reopening ? " (reopened)" : ""}${note ? `: ${note}` : ""}` };
  return { ok: { ...record, status: to, timestamps: t, timeline: [...record.timeline, entry] } };
}

/** The status the incident had when it was last resolved, read from the status timeline entries. */
function statusBeforeResolution(timeline: readonly TimelineEntry[]): IncidentStatus | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i];
    if (e?.kind !== "status") continue;
    const m = /^(\S+) → resolved\b/.exec(e.text);
    if (m?.[1] && m[1] in NEXT) return m[1] as IncidentStatus;
  }
  return null;
}
