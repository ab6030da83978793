// The route tree, with Alertmanager's semantics (dispatch/route.go): the root matches everything;
// children are tried depth-first in order; the first matching child wins unless it has
// `continue: true`; a node with no matching child is itself the match. Unset settings (group_by,
// team, rotation, escalation policy, channels) are inherited from the parent; time intervals are
// not (as in Alertmanager). An Alertmanager receiver is a channel here: the ordered list of the
// matches' channels is Alertmanager's ordered receiver list.
import type { Policies, RouteNode, Severity } from "../config/types.js";
import type { Labels } from "./matchers.js";
import { matchesAll } from "./matchers.js";

export interface RouteSettings {
  groupBy: string[];
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  channels: string[];
}

export interface RouteMatch {
  path: string; // "root/security"
  settings: RouteSettings;
  muteTimeIntervals: string[]; // the node's own
  activeTimeIntervals: string[];
}

export function matchRoutes(node: RouteNode, labels: Labels, parent?: RouteSettings, parentPath?: string): RouteMatch[] {
  if (!matchesAll(node.matchers, labels)) return [];
  const settings: RouteSettings = {
    groupBy: node.groupBy.length ? node.groupBy : (parent?.groupBy ?? []),
    team: node.team ?? parent?.team ?? null,
    rotation: node.rotation ?? parent?.rotation ?? null,
    escalationPolicy: node.escalationPolicy ?? parent?.escalationPolicy ?? null,
    channels: node.channels.length ? node.channels : (parent?.channels ?? []),
  };
  const path = parentPath ? `${parentPath}/${node.name}` : node.name;
  const all: RouteMatch[] = [];
  for (const child of node.routes) {
    const found = matchRoutes(child, labels, settings, path);
    if (found.length === 0) continue;
    all.push(...found);
    if (!child.continue) break;
  }
  return all.length ? all : [{ path, settings, muteTimeIntervals: node.muteTimeIntervals, activeTimeIntervals: node.activeTimeIntervals }];
}

export interface RouteDecision {
  route: string; // path of the first matching route
  routes: string[]; // every matching route (more than one only with `continue`)
  matched: RouteMatch[]; // the same, with each match's own settings and time intervals
  groupBy: string[]; // empty: use correlation.group_by
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  channels: string[]; // severity channels, then the routes' own
  notify: string[]; // audience names for the severity
  reasons: string[];
}

/**
 * Route an alert. The first match gives team, rotation and escalation policy; channels of every
 * match are added. Unset team/rotation come from the service catalogue, an unset escalation policy
 * from the severity's default.
 */
export function route(labels: Labels, severity: Severity, service: string | null, policies: Policies): RouteDecision {
  const found = matchRoutes(policies.routing.tree, labels);
  // Many alerts share a route, severity and service: build each decision once per policy set.
  let cache = decisions.get(policies);
  if (!cache) decisions.set(policies, (cache = new Map<string, RouteDecision>()));
  const key = `${found.map((m) => m.path).join("|")}\u0000${severity}\u0000${service ?? ""}`;
  let d = cache.get(key);
  if (!d) cache.set(key, (d = build(found, severity, service, policies)));
  return d;
}

const decisions = new WeakMap<Policies, Map<string, RouteDecision>>();

function build(found: RouteMatch[], severity: Severity, service: string | null, policies: Policies): RouteDecision {
  const first = found[0] as RouteMatch; // the root matches everything
  const reasons: string[] = [];
  const svc = service ? policies.services[service] : undefined; // services has no prototype: any label value is safe
  let { team, rotation, escalationPolicy } = first.settings;
  const via = `route ${first.path}`;
  if (team === null && svc) team = svc.team;
  if (rotation === null && svc) rotation = svc.rotation;
  if (escalationPolicy === null) escalationPolicy = policies.escalation.bySeverity[severity] ?? null;
  reasons.push(
    `${via}: team ${team ?? "none"}${first.settings.team === null && svc ? ` (owner of service ${service})` : ""}, rotation ${rotation ?? "none"}` +
      `, escalation ${escalationPolicy ?? "none"}${first.settings.escalationPolicy === null ? ` (default for ${severity})` : ""}`,
  );
  const bySeverity = policies.routing.bySeverity[severity];
  const channels = [...(bySeverity?.channels ?? [])];
  for (const m of found) for (const c of m.settings.channels) if (!channels.includes(c)) channels.push(c);
  if (found.length > 1) reasons.push(`also matched ${found.slice(1).map((m) => m.path).join(", ")} (continue)`);
  return {
    route: first.path,
    routes: found.map((m) => m.path),
    matched: found,
    groupBy: first.settings.groupBy,
    team,
    rotation,
    escalationPolicy,
    channels,
    notify: [...(bySeverity?.notify ?? [])],
    reasons,
  };
}
