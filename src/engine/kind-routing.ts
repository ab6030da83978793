// routing.yaml → RoutingPolicy: channels, audiences, per-severity notification and the route tree.
import type { PolicyDocument, PolicyFileKind, Reporter } from "../config/kinds.js";
import type { Audience, Channel, RouteNode, RoutingPolicy, Severity, SeverityRoute } from "../config/types.js";
import { readLegacyMatch, readMatchers } from "./policy-matchers.js";

interface RawRoute {
  name: string;
  matchers?: unknown;
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  continue?: boolean;
  group_by?: string[];
  team?: string;
  rotation?: string;
  escalation_policy?: string;
  channels?: string[];
  routes?: RawRoute[];
}

type RawAudience = { rotation: string; role: "primary" | "secondary" | "all" } | { team: string; lead?: boolean } | "commander";

interface RawChannel {
  type: Channel["type"];
  description?: string;
  secret?: string | null;
  fallback: Channel["fallback"];
  endpoint?: string;
  signing_secret?: string;
  from?: string;
  to?: string[];
}

/** Per-type channel options and the channel types each applies to. */
const OPTION_TYPES: Record<"endpoint" | "signing_secret" | "from" | "to", readonly Channel["type"][]> = {
  endpoint: ["pagerduty"],
  signing_secret: ["webhook", "phone"],
  from: ["email"],
  to: ["email"],
};

interface RawRouting {
  channels: Record<string, RawChannel>;
  audiences: Record<string, RawAudience[]>;
  by_severity: Record<Severity, SeverityRoute>;
  route: RawRoute;
}

export const routingKind: PolicyFileKind<"routing"> = {
  id: "routing",
  path: "routing.yaml",
  schema: "routing.schema.json",
  fills: ["routing"],
  normalise(doc, report) {
    const raw = doc.value as RawRouting;
    const channels = Object.create(null) as Record<string, Channel>;
    for (const [id, c] of Object.entries(raw.channels)) channels[id] = toChannel(id, c, doc, report);
    const audiences = Object.create(null) as Record<string, Audience[]>;
    for (const [name, parts] of Object.entries(raw.audiences)) audiences[name] = parts.map(toAudience);
    const bySeverity = {} as Record<Severity, SeverityRoute>;
    for (const [sev, r] of Object.entries(raw.by_severity) as [Severity, SeverityRoute][]) bySeverity[sev] = { channels: [...r.channels], notify: [...r.notify] };
    const tree = toNode(raw.route, ["route"], doc, report);
    if (tree.matchers.length) report.warn(doc.at(["route", "matchers"]), "the root route matches every alert; its matchers are ignored");
    if (tree.muteTimeIntervals.length || tree.activeTimeIntervals.length) report.error(doc.at(["route"]), "the root route must not have mute or active time intervals (as in Alertmanager): put them on a child route");
    const routing: RoutingPolicy = { bySeverity, audiences, channels, tree: { ...tree, matchers: [] } };
    return { routing };
  },
};

function toChannel(id: string, c: RawChannel, doc: PolicyDocument, report: Reporter): Channel {
  for (const [option, types] of Object.entries(OPTION_TYPES)) {
    if (c[option as keyof typeof OPTION_TYPES] !== undefined && !types.includes(c.type)) {
      report.error(doc.keyAt(["channels", id, option]), `\`${option}\` applies only to ${types.join(" and ")} channels; channel \`${id}\` is ${c.type}`);
    }
  }
  if (c.type === "email" && c.secret && !c.from) report.error(doc.at(["channels", id]), `email channel \`${id}\` needs \`from\`: the sender address of its mail`);
  return {
    id,
    type: c.type,
    description: c.description ?? "",
    secret: c.secret ?? null,
    fallback: c.fallback,
    endpoint: c.endpoint ?? null,
    signingSecret: c.signing_secret ?? null,
    from: c.from ?? null,
    to: c.to ?? [],
  };
}

function toAudience(a: RawAudience): Audience {
  if (a === "commander") return { kind: "commander" };
  if ("rotation" in a) return { kind: "rotation", rotation: a.rotation, role: a.role };
  return { kind: "team", team: a.team, lead: a.lead ?? false };
}

function toNode(r: RawRoute, path: (string | number)[], doc: PolicyDocument, report: Reporter): RouteNode {
  const routes = r.routes ?? [];
  const names = new Set<string>();
  routes.forEach((child, i) => {
    if (names.has(child.name)) report.error(doc.at([...path, "routes", i, "name"]), `route name \`${child.name}\` is used twice under \`${r.name}\`; route paths in decisions must be unique`);
    names.add(child.name);
  });
  const groupBy = r.group_by ?? [];
  if (groupBy.includes("...") && groupBy.length > 1) report.error(doc.at([...path, "group_by"]), "cannot have wildcard group_by (`...`) and other labels at the same time");
  return {
    name: r.name,
    matchers: [...readLegacyMatch(r as unknown as Record<string, unknown>, { match: "match", matchRe: "match_re" }, path, doc, report), ...readMatchers(r.matchers, [...path, "matchers"], doc, report)],
    continue: r.continue ?? false,
    groupBy,
    muteTimeIntervals: r.mute_time_intervals ?? [],
    activeTimeIntervals: r.active_time_intervals ?? [],
    team: r.team ?? null,
    rotation: r.rotation ?? null,
    escalationPolicy: r.escalation_policy ?? null,
    channels: r.channels ?? [],
    routes: routes.map((child, i) => toNode(child, [...path, "routes", i], doc, report)),
    source: doc.at(path),
  };
}
