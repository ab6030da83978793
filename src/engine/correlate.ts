// Correlation: which incident an alert belongs to, and the requirements' two patterns.
//
// Group key: the values of `group_by` (default __service, __component, __error_type: what
// classification decided), "" when missing, from the labels routes see. It never uses
// Alertmanager's groupKey, which changes whenever a route tree is edited. See groupKeyOf.
//
// Cascade: for a dependency component C (services connected through `dependencies`, in either
// direction, in the services catalogue), the *related* alerts are the firing alert episodes
// (fingerprint + startsAt, counted once) whose service is in C and which started within
// `cascade.window` before now, from this payload and from open incidents. The *spread rate* is the
// number of distinct services among them divided by the number of services in C. A cascade is at
// least `min_related` related alerts, a spread rate above `spread_rate`, and at least two services.
//
// Intermittent: an alert fingerprint with at least `flaps` re-fires (episodes − 1) that started
// within `intermittent.window` before now, counting the episodes an open incident already holds.
import type { CorrelationPolicy, Service } from "../config/types.js";
import type { Labels } from "./matchers.js";
import { labelValue } from "./matchers.js";

/**
 * The group key of a label set, as a string no other label set shares (Alertmanager's grouping):
 * - correlation.yaml's group_by (`named` false): the values in its order joined with ":", the form
 *   incident records hold (`api:http:error_rate`);
 * - a route's group_by (`named` true): `name=value` pairs joined with ":", sorted by name, so the
 *   order a policy lists them in does not matter;
 * - `["..."]`: every label with a value, as `name=value` pairs sorted by name.
 * `\`, `:` and `=` in names and values are escaped with `\`, so `a:`+`b` and `a`+`:b` differ.
 */
export function groupKeyOf(groupBy: readonly string[], labels: Labels, named: boolean): string {
  if (groupBy[0] === "...") {
    const names = Object.keys(labels).filter((n) => labelValue(labels, n) !== "");
    return pairs(names, labels);
  }
  if (named) return pairs([...groupBy], labels);
  return groupBy.map((name) => escapeKeyPart(labelValue(labels, name))).join(":");
}

function pairs(names: string[], labels: Labels): string {
  return names
    .sort()
    .map((n) => `${escapeKeyPart(n)}=${escapeKeyPart(labelValue(labels, n))}`)
    .join(":");
}

function escapeKeyPart(s: string): string {
  return /[\\:=]/.test(s) ? s.replace(/[\\:=]/g, "\\$&") : s;
}

/** service id → the sorted ids of its dependency component. Unknown services form their own. */
export function dependencyComponents(services: Readonly<Record<string, Service>>): Map<string, string[]> {
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (!adjacent.has(a)) adjacent.set(a, new Set());
    adjacent.get(a)?.add(b);
  };
  for (const [id, s] of Object.entries(services)) {
    link(id, id);
    for (const d of s.dependencies) {
      link(id, d);
      link(d, id);
    }
  }
  const out = new Map<string, string[]>();
  for (const start of [...adjacent.keys()].sort()) {
    if (out.has(start)) continue;
    const seen = new Set<string>([start]);
    const stack = [start];
    while (stack.length) {
      for (const next of adjacent.get(stack.pop() as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    const members = [...seen].sort();
    for (const m of members) out.set(m, members);
  }
  return out;
}

export interface RelatedAlert {
  service: string;
  fingerprint: string;
  startsAt: string;
}

export interface Cascade {
  key: string; // "cascade:api,auth,database,web"
  services: string[]; // the component
  affected: string[]; // distinct services with related alerts
  related: number;
  spreadRate: number;
  reason: string;
}

interface ComponentAlerts {
  services: string[];
  /** fingerprint → start time, or start times once it has several: no key string per alert. */
  episodes: Map<string, string | Set<string>>;
  related: number; // distinct episodes
  affected: Set<string>;
}

/** Cascades found among the related alerts, by component key. */
export function detectCascades(alerts: readonly RelatedAlert[], components: Map<string, string[]>, policy: CorrelationPolicy["cascade"], nowMs: number): Map<string, Cascade> {
  const found = new Map<string, Cascade>();
  if (!policy.enabled) return found;
  const byComponent = new Map<string, ComponentAlerts>();
  // A payload has thousands of alerts but few start times and services: parse and look up each once.
  const inWindow = new Map<string, boolean>();
  const entryOf = new Map<string, ComponentAlerts>(); // service → its component's entry
  for (let i = 0; i < alerts.length; i++) {
    const a = alerts[i] as RelatedAlert; // indexed: see decide()
    let recent = inWindow.get(a.startsAt);
    if (recent === undefined) inWindow.set(a.startsAt, (recent = Date.parse(a.startsAt) >= nowMs - policy.window));
    if (!recent) continue;
    let entry = entryOf.get(a.service);
    if (!entry) {
      const services = components.get(a.service) ?? [a.service];
      const key = componentKey(services);
      entry = byComponent.get(key);
      if (!entry) byComponent.set(key, (entry = { services, episodes: new Map(), related: 0, affected: new Set() }));
      entryOf.set(a.service, entry);
    }
    if (addStart(entry.episodes, a.fingerprint, a.startsAt)) entry.related++;
    entry.affected.add(a.service);
  }
  for (const [key, e] of byComponent) {
    const spreadRate = e.affected.size / e.services.length;
    if (e.related < policy.minRelated || spreadRate <= policy.spreadRate || e.affected.size < 2) continue;
    const affected = [...e.affected].sort();
    found.set(key, {
      key,
      services: e.services,
      affected,
      related: e.related,
      spreadRate,
      reason:
        `cascade: ${e.related} related alerts (at least ${policy.minRelated}) across ${affected.join(", ")} — ` +
        `spread rate ${round(spreadRate)} (${affected.length}/${e.services.length} services of the dependency group) above ${policy.spreadRate} — raise to ${policy.severity}`,
    });
  }
  return found;
}

/** Records an episode; true when it is new. */
function addStart(episodes: Map<string, string | Set<string>>, fingerprint: string, startsAt: string): boolean {
  const known = episodes.get(fingerprint);
  if (known === undefined) episodes.set(fingerprint, startsAt);
  else if (typeof known === "string") {
    if (known === startsAt) return false;
    episodes.set(fingerprint, new Set([known, startsAt]));
  } else {
    if (known.has(startsAt)) return false;
    known.add(startsAt);
  }
  return true;
}

export function componentKey(services: readonly string[]): string {
  return `cascade:${services.join(",")}`;
}

/** The largest number of re-fires of any one fingerprint in the window, given its episodes' start times. */
export function maxFlaps(episodes: ReadonlyMap<string, ReadonlySet<string>>, policy: CorrelationPolicy["intermittent"], nowMs: number): { fingerprint: string; flaps: number } | null {
  let best: { fingerprint: string; flaps: number } | null = null;
  for (const [fingerprint, starts] of episodes) {
    let n = 0;
    for (const s of starts) if (Date.parse(s) >= nowMs - policy.window) n++;
    const flaps = n - 1;
    if (flaps > 0 && (!best || flaps > best.flaps)) best = { fingerprint, flaps };
  }
  return best;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
