// One line per incident group out of an AlertVerdict: the shape of `incident simulate --json`, of policy
// test comparisons and of the Action's job summary.
import type { Severity } from "../config/types.js";
import type { OpenIncident } from "./incident-view.js";
import type { AlertStep, AlertStepKind, Pattern, AlertVerdict } from "./verdict.js";

export type SummaryAction = "open" | "update" | "resolve" | "ignore";

export interface IncidentSummary {
  action: SummaryAction;
  groupKey: string;
  incidentId: string | null;
  severity: Severity | null;
  service: string | null;
  title: string | null;
  labels: string[];
  assignees: string[];
  commander: string | null;
  alerts: number;
  reasons: string[];
  /** The engine's step kinds for the group (`effects` in policy test files). */
  effects: AlertStepKind[];
  route: string | null;
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  channels: string[];
  notify: string[]; // logins mentioned
  pattern: Pattern | null;
}

const RANK: Record<SummaryAction, number> = { ignore: 0, update: 1, resolve: 2, open: 3 };

function actionOf(e: AlertStep): SummaryAction {
  switch (e.kind) {
    case "incident.open":
      return "open";
    case "incident.resolve":
      return "resolve";
    case "alerts.ignore":
      return "ignore";
    case "incident.append":
    case "incident.reopen":
    case "incident.raise-severity":
    case "incident.note":
      return "update";
  }
}

export function summariseVerdict(verdict: AlertVerdict, openIncidents: readonly OpenIncident[] = []): IncidentSummary[] {
  const byId = new Map(openIncidents.map((i) => [i.id, i]));
  const out = new Map<string, IncidentSummary>();
  for (const e of verdict.steps) {
    const incidentId = "incidentId" in e && e.incidentId ? e.incidentId : null;
    const key = incidentId ? `#${incidentId}` : e.groupKey;
    let s = out.get(key);
    if (!s) {
      const inc = incidentId ? byId.get(incidentId) : undefined;
      s = {
        action: actionOf(e),
        groupKey: e.groupKey,
        incidentId,
        severity: inc?.severity ?? null,
        service: inc?.service ?? null,
        title: inc?.title ?? null,
        labels: [],
        assignees: [],
        commander: null,
        alerts: 0,
        reasons: [],
        effects: [],
        route: null,
        team: null,
        rotation: null,
        escalationPolicy: null,
        channels: [],
        notify: [],
        pattern: null,
      };
      out.set(key, s);
    }
    const action = actionOf(e);
    if (RANK[action] > RANK[s.action]) s.action = action;
    s.effects.push(e.kind);
    s.reasons.push(e.reason);
    if (e.kind === "incident.open") {
      Object.assign(s, {
        severity: e.severity,
        service: e.service,
        title: e.title,
        labels: e.labels,
        assignees: e.assignees,
        commander: e.commander,
        route: e.route,
        team: e.team,
        rotation: e.rotation,
        escalationPolicy: e.escalationPolicy,
        channels: e.notifications.channels.map((c) => c.channel),
        notify: e.notifications.mentions,
        pattern: e.pattern,
      });
      s.reasons.push(...e.reasons);
      s.alerts += e.alerts.length;
    } else if (e.kind === "incident.append" || e.kind === "alerts.ignore") {
      s.alerts += e.alerts.length;
    } else if (e.kind === "incident.raise-severity") {
      s.severity = e.to;
      s.labels = [`severity:${e.to}`];
      s.channels = e.notifications.channels.map((c) => c.channel);
      s.notify = e.notifications.mentions;
    }
  }
  return [...out.values()];
}
