// Builds the effect that opens an incident: title, severity, labels, commander, assignees,
// checklists, suggested playbooks and notifications, each with its reason.
import type { Policies, Severity } from "../config/types.js";
import type { Analysed } from "./analyse.js";
import type { Cascade } from "./correlate.js";
import type { OnCall } from "./oncall-port.js";
import type { OpenStep, Pattern } from "./verdict.js";
import { INCIDENT_TITLE_MAX, titleOf } from "./classify.js";
import { matchesAll } from "./matchers.js";
import { resolveNotifications } from "./notify.js";
import { isHigher } from "./severity.js";
import { fitText } from "../render/limit.js";
import { labelName } from "../render/title.js";

export interface OpenInput {
  groupKey: string;
  items: Analysed[]; // every alert of the group in this payload; at least one firing
  cascade: Cascade | null;
  related: string[]; // open incidents that are part of the cascade
  intermittent: { fingerprint: string; flaps: number } | null;
}

export function openIncident(input: OpenInput, policies: Policies, onCall: OnCall, now: Date): OpenStep {
  const firing = input.items.filter((a) => a.alert.status === "firing");
  // The highest-severity firing alert speaks for the group (the first one on ties).
  const top = firing.reduce((best, a) => (isHigher(a.classification.severity, best.classification.severity) ? a : best));
  const c = top.classification;
  const reasons = [...c.reasons];
  let severity: Severity = c.severity; // the highest among the firing alerts: top was chosen for it
  let title = titleOf(top.alert, c);
  let pattern: Pattern | null = null;
  const corr = policies.correlation;
  if (input.intermittent && corr.intermittent.enabled) {
    pattern = "intermittent";
    title = `${corr.intermittent.title}: ${title}`;
    const raised = isHigher(corr.intermittent.severity, severity);
    reasons.push(`intermittent: ${input.intermittent.fingerprint} fired again ${input.intermittent.flaps} time(s) within the window${raised ? ` — raised to ${corr.intermittent.severity}` : ""}`);
    if (raised) severity = corr.intermittent.severity;
  }
  if (input.cascade) {
    pattern = "cascade";
    title = `${corr.cascade.title}: ${input.cascade.affected.join(", ")}`;
    reasons.push(input.cascade.reason);
    if (isHigher(corr.cascade.severity, severity)) severity = corr.cascade.severity;
  }
  // A pattern's prefix or a long list of affected services must not push the title past its limit.
  title = fitText(title, INCIDENT_TITLE_MAX);
  const r = top.route;
  reasons.push(...r.reasons);
  const service = input.cascade ? (c.service ?? null) : c.service;
  const commander = onCall.commander({ severity, type: c.type, service, team: r.team, rotation: r.rotation }, now);
  reasons.push(`commander ${commander.login ?? "unassigned"}: ${commander.reason}`);
  const primary = r.rotation ? onCall.primary(r.rotation, now) : null;
  const assignees = unique([commander.login, primary]);
  // Channels and audiences follow the final severity; route channels are recomputed for it.
  const sevRoute = policies.routing.bySeverity[severity];
  const channels = unique([...(sevRoute?.channels ?? []), ...r.channels.filter((ch) => !(policies.routing.bySeverity[c.severity]?.channels ?? []).includes(ch))]);
  const notifications = resolveNotifications(channels, sevRoute?.notify ?? [], { policies, onCall, at: now, rotation: r.rotation, commander: commander.login });
  const labels = unique([
    "incident",
    `severity:${severity}`,
    service && labelName("service", service),
    r.team && labelName("team", r.team),
    c.type && labelName("type", c.type),
    pattern && `pattern:${pattern}`,
  ]);
  return {
    kind: "incident.open",
    groupKey: input.groupKey,
    title,
    severity,
    service,
    component: c.component,
    errorType: c.errorType,
    type: c.type,
    pattern,
    team: r.team,
    rotation: r.rotation,
    // A raised severity takes its own default escalation unless the route named one explicitly.
    escalationPolicy: r.escalationPolicy === policies.escalation.bySeverity[c.severity] ? (policies.escalation.bySeverity[severity] ?? null) : r.escalationPolicy,
    route: r.route,
    labels,
    assignees,
    commander: commander.login,
    checklists: policies.checklists.filter((cl) => cl.severities.includes(severity)).map((cl) => cl.id),
    playbooks: suggestPlaybooks(firing, policies),
    notifications,
    alerts: input.items.map((a) => a.alert),
    related: input.related,
    reasons,
    reason: `open ${severity} incident "${title}": ${firing.length} firing alert(s) in group ${input.groupKey} and no open incident for it`,
  };
}

/** Playbooks whose matchers (any one set, all of its matchers) match a firing alert of the group. */
export function suggestPlaybooks(firing: readonly Analysed[], policies: Policies): string[] {
  // Alerts of one profile share their match labels: test each distinct set once.
  const labelSets = [...new Set(firing.map((a) => a.matchLabels))];
  const out: string[] = [];
  for (const p of Object.values(policies.playbooks)) {
    if (p.matcherSets.some((set) => set.length > 0 && labelSets.some((l) => matchesAll(set, l)))) out.push(p.id);
  }
  return out;
}

function unique(list: readonly (string | null | undefined | false)[]): string[] {
  const out: string[] = [];
  for (const x of list) if (x && !out.includes(x)) out.push(x);
  return out;
}
