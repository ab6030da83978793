// Applies the engine's Plan to the incident records: opens records, appends alert episodes,
// raises severity, resolves and reopens — pure, so it runs again from scratch on fresh records
// whenever a push loses a race. What must be said on GitHub is returned as events per incident.
import type { Alert } from "../alerts/types.js";
import type { Policies } from "../config/types.js";
import type { Effect, OpenIncidentEffect, Plan } from "../engine/plan.js";
import { nextIncidentId } from "./codec.js";
import type { IncidentRecord, RecordedAlert, TimelineEntry } from "./record.js";

export const ACTOR = "incident-as-code";

export type IncidentEvent =
  | { kind: "opened"; mentions: string[] }
  | { kind: "alerts"; added: number; resolved: number }
  | { kind: "raised"; from: string; to: string; mentions: string[] }
  | { kind: "resolved"; reason: string }
  | { kind: "reopened"; reason: string }
  | { kind: "note"; text: string };

export interface Applied {
  /** Records this plan created or changed, by id. */
  changed: Map<string, IncidentRecord>;
  created: string[];
  events: Map<string, IncidentEvent[]>;
  /** Effects that changed nothing (duplicates, resolved alerts with no incident), for the summary. */
  ignored: Effect[];
}

export interface ApplyContext {
  now: string; // ISO
  runId: string;
  policies: Policies;
}

export function applyPlan(plan: Plan, records: ReadonlyMap<string, IncidentRecord>, ctx: ApplyContext): Applied {
  const out: Applied = { changed: new Map(), created: [], events: new Map(), ignored: [] };
  const current = (id: string): IncidentRecord | undefined => out.changed.get(id) ?? records.get(id);
  const byGroup = new Map<string, string>(); // group key → id of a record opened by this plan
  const emit = (id: string, e: IncidentEvent) => out.events.set(id, [...(out.events.get(id) ?? []), e]);
  const update = (id: string, fn: (r: IncidentRecord) => IncidentRecord) => {
    const r = current(id);
    if (r) out.changed.set(id, fn(r));
  };
  const idFor = (incidentId: string, groupKey: string) => incidentId || byGroup.get(groupKey) || "";

  for (const effect of plan.effects) {
    switch (effect.kind) {
      case "incident.open": {
        const id = nextIncidentId([...records.keys(), ...out.created], ctx.now);
        out.changed.set(id, openRecord(id, effect, ctx));
        out.created.push(id);
        byGroup.set(effect.groupKey, id);
        emit(id, { kind: "opened", mentions: effect.notifications.mentions });
        break;
      }
      case "incident.append": {
        const id = idFor(effect.incidentId, effect.groupKey);
        let added = 0;
        let resolved = 0;
        update(id, (r) => {
          const merged = mergeAlerts(r.alerts, effect.alerts, ctx.now);
          added = merged.added;
          resolved = merged.resolved;
          const entries = [...(added ? [entry(ctx.now, "alert", `${added} alert(s) joined`)] : []), ...(resolved ? [entry(ctx.now, "alert", `${resolved} alert(s) resolved`)] : [])];
          return { ...r, alerts: merged.alerts, timeline: [...r.timeline, ...entries] };
        });
        if (added || resolved) emit(id, { kind: "alerts", added, resolved });
        break;
      }
      case "incident.raise-severity": {
        const id = idFor(effect.incidentId, effect.groupKey);
        update(id, (r) => ({ ...r, severity: effect.to, timeline: [...r.timeline, entry(ctx.now, "severity", `${effect.from} → ${effect.to}: ${effect.reason}`)] }));
        emit(id, { kind: "raised", from: effect.from, to: effect.to, mentions: effect.notifications.mentions });
        break;
      }
      case "incident.resolve": {
        const id = idFor(effect.incidentId, effect.groupKey);
        update(id, (r) => ({
          ...r,
          status: "resolved",
          timestamps: { ...r.timestamps, resolved: ctx.now },
          timeline: [...r.timeline, entry(ctx.now, "status", `resolved: ${effect.reason}`)],
        }));
        emit(id, { kind: "resolved", reason: effect.reason });
        break;
      }
      case "incident.reopen": {
        const id = idFor(effect.incidentId, effect.groupKey);
        update(id, (r) => ({
          ...r,
          status: r.timestamps.acknowledged ? "acknowledged" : "triggered",
          timestamps: { ...r.timestamps, resolved: null },
          timeline: [...r.timeline, entry(ctx.now, "status", `reopened: ${effect.reason}`)],
        }));
        emit(id, { kind: "reopened", reason: effect.reason });
        break;
      }
      case "incident.note": {
        const id = idFor(effect.incidentId, effect.groupKey);
        update(id, (r) => ({ ...r, timeline: [...r.timeline, entry(ctx.now, "note", effect.text)] }));
        emit(id, { kind: "note", text: effect.text });
        break;
      }
      case "alerts.ignore":
        out.ignored.push(effect);
        break;
    }
  }
  return out;
}

function openRecord(id: string, e: OpenIncidentEffect, ctx: ApplyContext): IncidentRecord {
  const alerts = mergeAlerts([], e.alerts, ctx.now).alerts;
  const started = alerts.reduce((min, a) => (a.startsAt < min ? a.startsAt : min), ctx.now);
  return {
    schema: 1,
    id,
    title: e.title,
    severity: e.severity,
    status: "triggered",
    groupKey: e.groupKey,
    service: e.service ?? "",
    component: e.component ?? "",
    errorType: e.errorType ?? "",
    type: e.type,
    commander: e.commander,
    responders: e.assignees.filter((a) => a !== e.commander),
    team: e.team,
    rotation: e.rotation,
    escalationPolicy: e.escalationPolicy,
    alerts,
    timestamps: { started, detected: ctx.now, acknowledged: null, mitigated: null, resolved: null, closed: null },
    impact: { users: null, revenue: null, sla: null, summary: null },
    rootCause: { category: null, text: null },
    actionItems: [],
    links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: ctx.runId },
    escalation: { stepsFired: 0, lastEscalatedAt: null },
    timeline: [entry(ctx.now, "opened", `${e.severity} opened: ${e.reasons.join("; ")}`)],
  };
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

export function entry(at: string, kind: TimelineEntry["kind"], text: string, actor = ACTOR): TimelineEntry {
  return { at, actor, kind, text };
}
