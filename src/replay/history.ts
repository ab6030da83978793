// Replays recorded alerts through one policy set: the alerts are fed to decide() one by one, each
// at the time it was first received, against the incidents the replay itself opened so far, so
// grouping, reopening, raising and suppression follow the policies being tried rather than what
// really happened. An incident the replay opened is resolved when the real incidents its alerts
// came from were (people resolve incidents, the policies do not), or when the engine resolves it
// from resolved alerts. Pure: decide() is pure and on-call answers come from the policies given.
import { ALERT_SOURCES, type Alert, type AlertSource } from "../alerts/types.js";
import type { Policies } from "../config/types.js";
import { decide } from "../engine/decide.js";
import type { AlertEpisode, OpenIncident } from "../engine/incident-view.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { IncidentRecord } from "../incident/record.js";
import type { AlertOutcome, ReplayAlert } from "./types.js";

/**
 * The last `limit` alert episodes in the records (by the time they were received), oldest first,
 * and how many older ones were left out.
 */
export function recordedAlerts(records: Iterable<IncidentRecord>, limit: number): { alerts: ReplayAlert[]; notReplayed: number } {
  const all: ReplayAlert[] = [];
  for (const r of records) {
    for (const a of r.alerts) {
      const source: AlertSource = (ALERT_SOURCES as readonly string[]).includes(a.source) ? (a.source as AlertSource) : "alert";
      const alert: Alert = { source, fingerprint: a.fingerprint, status: "firing", labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: null, generatorURL: a.generatorURL };
      all.push({
        key: `${a.fingerprint}\u0000${a.startsAt}`,
        alert,
        at: a.receivedAt,
        resolvedAt: a.status === "resolved" ? (a.endsAt ?? null) : null,
        incidentId: r.id,
        issue: r.links.issue,
        incidentResolvedAt: r.timestamps.resolved,
      });
    }
  }
  all.sort((x, y) => x.at.localeCompare(y.at) || x.key.localeCompare(y.key));
  const unique = all.filter((a, i) => i === 0 || a.key !== all[i - 1]?.key);
  const kept = unique.slice(Math.max(0, unique.length - limit));
  return { alerts: kept, notReplayed: unique.length - kept.length };
}

interface SimIncident {
  view: OpenIncident;
  commander: string | null;
  /** Resolved by people when every real incident its alerts came from was resolved: the latest such time. */
  sources: Map<string, string | null>;
  members: string[]; // replay keys
  resolvedAt: string | null; // by the engine (auto-resolve)
}

interface ReplayEvent {
  at: string;
  alert: ReplayAlert;
  status: Alert["status"];
}

export interface HistoryReplay {
  outcomes: Map<string, AlertOutcome>;
  /** Simulated incident id → the keys of the alerts it holds. */
  groups: Map<string, string[]>;
}

/** Replays `alerts` (oldest first) through `policies`. */
export function replayHistory(alerts: readonly ReplayAlert[], policies: Policies, onCall: OnCall): HistoryReplay {
  const events: ReplayEvent[] = [];
  for (const a of alerts) {
    events.push({ at: a.at, alert: a, status: "firing" });
    if (a.resolvedAt !== null && a.resolvedAt >= a.at) events.push({ at: a.resolvedAt, alert: a, status: "resolved" });
  }
  events.sort((x, y) => x.at.localeCompare(y.at) || (x.status === y.status ? 0 : x.status === "firing" ? -1 : 1));

  const incidents = new Map<string, SimIncident>();
  const byKey = new Map<string, string>(); // replay key → sim incident id
  const outcomes = new Map<string, AlertOutcome>();
  const windowMs = policies.correlation.window;
  let next = 1;

  for (const e of events) {
    const nowMs = Date.parse(e.at);
    const open = joinable(incidents, nowMs, windowMs);
    const input: Alert = e.status === "firing" ? e.alert.alert : { ...e.alert.alert, status: "resolved", endsAt: e.at };
    const verdict = decide([input], policies, open, new Date(nowMs), onCall);
    const decision = verdict.decisions[0];
    const outcome: AlertOutcome | undefined = e.status === "firing" && decision
      ? { suppressed: null, suppressedBy: null, severity: decision.severity, route: decision.route, team: decision.team, rotation: decision.rotation, paged: [], commander: null, incident: null, incidentSeverity: null }
      : undefined;
    for (const step of verdict.steps) {
      switch (step.kind) {
        case "incident.open": {
          const id = `R${next++}`;
          const sim: SimIncident = {
            view: { id, groupKey: step.groupKey, title: step.title, severity: step.severity, status: "triggered", service: step.service, alerts: step.alerts.map(episode), openedAt: e.at, lastAlertAt: e.at },
            commander: step.commander,
            sources: new Map([[e.alert.incidentId, e.alert.incidentResolvedAt]]),
            members: [e.alert.key],
            resolvedAt: null,
          };
          incidents.set(id, sim);
          byKey.set(e.alert.key, id);
          if (outcome) Object.assign(outcome, { paged: step.notifications.mentions, commander: step.commander, incident: id, incidentSeverity: step.severity });
          break;
        }
        case "incident.append": {
          const sim = incidents.get(step.incidentId);
          if (!sim) break;
          for (const a of step.alerts) upsertEpisode(sim.view, episode(a));
          sim.view.lastAlertAt = e.at;
          if (e.status === "firing") {
            sim.sources.set(e.alert.incidentId, e.alert.incidentResolvedAt);
            if (!sim.members.includes(e.alert.key)) sim.members.push(e.alert.key);
            byKey.set(e.alert.key, sim.view.id);
          }
          if (outcome) Object.assign(outcome, { commander: sim.commander, incident: sim.view.id, incidentSeverity: sim.view.severity });
          break;
        }
        case "incident.reopen": {
          const sim = incidents.get(step.incidentId);
          if (sim) {
            sim.view.status = "triggered";
            sim.resolvedAt = null;
          }
          break;
        }
        case "incident.raise-severity": {
          const sim = incidents.get(step.incidentId);
          if (!sim) break;
          sim.view.severity = step.to;
          if (outcome) Object.assign(outcome, { paged: step.notifications.mentions, incidentSeverity: step.to });
          break;
        }
        case "incident.resolve": {
          const sim = incidents.get(step.incidentId);
          if (sim) {
            sim.view.status = "resolved";
            sim.resolvedAt = e.at;
          }
          break;
        }
        case "alerts.ignore":
          if (outcome && (step.code === "silenced" || step.code === "inhibited" || step.code === "muted")) {
            Object.assign(outcome, { suppressed: step.code, suppressedBy: step.reason });
          }
          break;
        case "incident.note":
          break;
      }
    }
    if (outcome) outcomes.set(e.alert.key, outcome);
  }
  const groups = new Map<string, string[]>();
  for (const [id, sim] of incidents) groups.set(id, sim.members);
  return { outcomes, groups };
}

function episode(a: Alert): AlertEpisode {
  return { fingerprint: a.fingerprint, startsAt: a.startsAt, status: a.status, labels: a.labels };
}

function upsertEpisode(view: OpenIncident, e: AlertEpisode): void {
  const i = view.alerts.findIndex((x) => x.fingerprint === e.fingerprint && x.startsAt === e.startsAt);
  if (i < 0) view.alerts.push(e);
  else view.alerts[i] = e;
}

/**
 * The incidents alerts can still join at `nowMs`: active ones, and resolved ones within the
 * correlation window (decide reopens those). An incident counts as resolved once every real
 * incident its alerts came from had been resolved by then.
 */
function joinable(incidents: Map<string, SimIncident>, nowMs: number, windowMs: number): OpenIncident[] {
  const out: OpenIncident[] = [];
  for (const sim of incidents.values()) {
    const byPeople = [...sim.sources.values()];
    const peopleDone = byPeople.every((t) => t !== null && Date.parse(t) <= nowMs);
    const resolvedAt = sim.resolvedAt ?? (peopleDone ? byPeople.reduce((m, t) => (t !== null && t > (m ?? "") ? t : m), null as string | null) : null);
    if (resolvedAt === null) {
      out.push(sim.view.status === "resolved" ? { ...sim.view, status: "triggered" } : sim.view);
      continue;
    }
    if (nowMs - Date.parse(resolvedAt) > windowMs) continue;
    out.push({ ...sim.view, status: "resolved", lastAlertAt: resolvedAt > sim.view.lastAlertAt ? resolvedAt : sim.view.lastAlertAt });
  }
  return out;
}
