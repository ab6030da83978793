// The operations alerts bring: opening an incident (from an alert group or a declaration, both
// decided by the engine) and attaching alert episodes to one. The rest of what alerts do — raise,
// resolve, reopen, note — goes through operations.ts like every other door.
import type { Alert } from "../alerts/types.js";
import type { OpenStep } from "../engine/verdict.js";
import { addNotice, because, draftOf, withEntry, type Draft, type OpContext } from "./draft.js";
import type { IncidentRecord, RecordedAlert } from "./record.js";

export interface OpenSpec {
  id: string;
  /** The record's random claim key (its issue's marker carries it). */
  claim: string;
  /** The workflow run that claims the incident: it alone creates the issue while the claim is fresh. */
  runId: string;
  /** An issue a person opened already (the incident form): the incident adopts it. */
  issue: number | null;
}

/** A new incident from the engine's open step; the people it pages are mentioned once when its issue opens. */
export function openIncident(step: OpenStep, spec: OpenSpec, ctx: OpContext): Draft {
  const alerts = mergeAlerts([], step.alerts, ctx.now).alerts;
  const started = alerts.reduce((min, a) => (a.startsAt < min ? a.startsAt : min), ctx.now);
  const record: IncidentRecord = {
    schema: 1,
    id: spec.id,
    title: step.title,
    severity: step.severity,
    status: "triggered",
    groupKey: step.groupKey,
    service: step.service ?? "",
    component: step.component ?? "",
    errorType: step.errorType ?? "",
    type: step.type,
    commander: step.commander,
    responders: step.assignees.filter((a) => a !== step.commander),
    team: step.team,
    rotation: step.rotation,
    escalationPolicy: step.escalationPolicy,
    alerts,
    timestamps: { started, detected: ctx.now, acknowledged: null, mitigated: null, resolved: null, closed: null },
    impact: { users: null, revenue: null, sla: null, summary: null },
    rootCause: { category: null, text: null },
    actionItems: [],
    links: { issue: spec.issue, postmortemPr: null, postmortemPath: null, openedBy: spec.runId, claim: spec.claim },
    escalation: { stepsFired: 0, lastEscalatedAt: null },
    timeline: [{ at: ctx.now, actor: ctx.actor, kind: "opened", text: `${step.severity} opened: ${step.reasons.join("; ")}` }],
    channels: step.notifications.channels.map((c) => c.channel),
  };
  const draft: Draft = { ...draftOf(record), paging: [...step.notifications.mentions], reasons: [step.reason] };
  return addNotice(draft, "open", {}, step.notifications.mentions);
}

/** New episodes join, known ones change status (firing → resolved); the timeline counts them. */
export function attachAlerts(draft: Draft, incoming: readonly Alert[], ctx: OpContext): Draft {
  const merged = mergeAlerts(draft.record.alerts, incoming, ctx.now);
  if (merged.added === 0 && merged.resolved === 0) return draft;
  let record: IncidentRecord = { ...draft.record, alerts: merged.alerts };
  if (merged.added) record = withEntry(record, { at: ctx.now, actor: ctx.actor, kind: "alert", text: `${merged.added} alert(s) joined` });
  if (merged.resolved) record = withEntry(record, { at: ctx.now, actor: ctx.actor, kind: "alert", text: `${merged.resolved} alert(s) resolved` });
  return because({ ...draft, record }, `${merged.added} alert(s) joined, ${merged.resolved} resolved`);
}

/** Episodes are fingerprint + startsAt: a known episode changes status in place, a new one is added. */
function mergeAlerts(existing: readonly RecordedAlert[], incoming: readonly Alert[], now: string): { alerts: RecordedAlert[]; added: number; resolved: number } {
  const alerts = [...existing];
  const index = new Map(alerts.map((a, i) => [`${a.fingerprint}|${a.startsAt}`, i]));
  let added = 0;
  let resolved = 0;
  for (const a of incoming) {
    const key = `${a.fingerprint}|${a.startsAt}`;
    const at = index.get(key);
    if (at !== undefined) {
      const old = alerts[at];
      if (old && old.status !== a.status) {
        alerts[at] = { ...old, status: a.status, endsAt: a.endsAt };
        if (a.status === "resolved") resolved++;
      }
      continue;
    }
    index.set(key, alerts.length);
    alerts.push({
      fingerprint: a.fingerprint,
      source: a.source,
      name: a.labels.alertname ?? "",
      status: a.status,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      receivedAt: now,
      labels: a.labels,
      annotations: a.annotations,
      generatorURL: a.generatorURL,
    });
    added++;
    if (a.status === "resolved") resolved++;
  }
  return { alerts, added, resolved };
}
