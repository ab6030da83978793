// One alert → its classification, route and group key, shared with every alert of the same profile
// (alert-profile.ts), and the per-alert decision record of the AlertVerdict.
import type { Policies } from "../config/types.js";
import type { Alert } from "../alerts/types.js";
import type { AlertDecision } from "./verdict.js";
import type { LabelClassification } from "./classify.js";
import type { RouteDecision } from "./route.js";
import { groupKeyFor, profiler } from "./alert-profile.js";

export interface Analysed {
  alert: Alert;
  /** Shared between alerts: read-only. The title is made on demand with titleOf(). */
  classification: LabelClassification;
  /** Labels for matching (routes, group_by, playbooks); see Profile.matchLabels. */
  matchLabels: Readonly<Record<string, string>>;
  route: RouteDecision;
  groupKey: string;
}

/** An analyser for one decide() call: profiles are computed once per distinct combination. */
export function analyser(policies: Policies): (alert: Alert) => Analysed {
  const profileOf = profiler(policies);
  return (alert) => {
    const p = profileOf(alert.labels);
    return { alert, classification: p.classification, matchLabels: p.matchLabels, route: p.route, groupKey: groupKeyFor(p, alert.labels) };
  };
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
