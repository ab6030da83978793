// One alert → its classification, the labels routing and grouping see, its route and group key.
import type { Policies } from "../config/types.js";
import type { Alert } from "../alerts/types.js";
import type { AlertDecision } from "./plan.js";
import type { Classification } from "./classify.js";
import type { RouteDecision } from "./route.js";
import { classify } from "./classify.js";
import { route } from "./route.js";
import { groupKeyOf } from "./correlate.js";

export interface Analysed {
  alert: Alert;
  classification: Classification;
  /** The alert's labels overlaid with its classification: what routes and group_by see. */
  labels: Record<string, string>;
  route: RouteDecision;
  groupKey: string;
}

/**
 * Routes and group keys see the alert's labels plus `service`, `component`, `error_type` (when
 * classification determined them), `incident_type` and `priority` (the P0–P3 severity).
 */
export function enrichLabels(alert: Alert, c: Classification): Record<string, string> {
  const labels: Record<string, string> = { ...alert.labels, priority: c.severity };
  if (c.service !== null) labels["service"] = c.service;
  if (c.component !== null) labels["component"] = c.component;
  if (c.errorType !== null) labels["error_type"] = c.errorType;
  if (c.type !== null) labels["incident_type"] = c.type;
  return labels;
}

export function analyse(alert: Alert, policies: Policies): Analysed {
  const classification = classify(alert, policies.classification);
  const labels = enrichLabels(alert, classification);
  const r = route(labels, classification.severity, classification.service, policies);
  const groupBy = r.groupBy.length ? r.groupBy : policies.correlation.groupBy;
  return { alert, classification, labels, route: r, groupKey: groupKeyOf(groupBy, labels) };
}

export function toDecision(a: Analysed): AlertDecision {
  return {
    fingerprint: a.alert.fingerprint,
    startsAt: a.alert.startsAt,
    status: a.alert.status,
    groupKey: a.groupKey,
    severity: a.classification.severity,
    service: a.classification.service,
    route: a.route.route,
    team: a.route.team,
    rotation: a.route.rotation,
    rules: a.classification.rules,
  };
}
