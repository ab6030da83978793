// What the policies make of an alert depends only on the values of the few label names they
// reference (matchers, the severity label, fallback labels, group_by); `instance`, `pod` and the
// like never change the outcome. A payload of thousands of alerts has few distinct combinations of
// those values, so classification, route and group key are computed once per combination and
// shared by every alert that has it. This is what keeps decide() close to JSON.parse in cost.
import type { ClassificationPolicy, Matcher, Policies, RouteNode } from "../config/types.js";
import type { LabelClassification } from "./classify.js";
import type { Labels } from "./matchers.js";
import { ownLabel } from "./matchers.js";
import type { RouteDecision } from "./route.js";
import { classifyLabels } from "./classify.js";
import { groupKeyOf } from "./correlate.js";
import { route } from "./route.js";

export interface Profile {
  classification: LabelClassification;
  /**
   * The labels routes, group_by, inhibition and playbooks see (routeLabels()), taken from the
   * first alert with this profile. Every alert of the profile has the same values for the names
   * that policies reference, so this is right for matching, but its other labels belong to that
   * first alert.
   */
  matchLabels: Record<string, string>;
  route: RouteDecision;
  /** "" when the key depends on every label (group_by ["..."]): see groupKeyFor(). */
  groupKey: string;
  groupBy: readonly string[];
  named: boolean;
}

/**
 * The names under which classification's results reach routes, group_by, inhibit rules and
 * playbooks. Prometheus reserves label names starting with `__` for internal use and drops them
 * before alerts leave it, so they cannot collide with what a sender means: the sender's own
 * `service`, `priority` or `severity` stay as sent, and a route tree moved over from Alertmanager
 * routes exactly as it did there.
 */
export const DERIVED_LABELS = {
  priority: "__priority", // P0–P3
  service: "__service",
  component: "__component",
  errorType: "__error_type",
  type: "__incident_type",
} as const;

/** The alert's labels as sent, plus classification's results under DERIVED_LABELS (which win). */
export function routeLabels(labels: Labels, c: LabelClassification): Record<string, string> {
  const out: Record<string, string> = { ...labels, [DERIVED_LABELS.priority]: c.severity };
  if (c.service !== null) out[DERIVED_LABELS.service] = c.service;
  if (c.component !== null) out[DERIVED_LABELS.component] = c.component;
  if (c.errorType !== null) out[DERIVED_LABELS.errorType] = c.errorType;
  if (c.type !== null) out[DERIVED_LABELS.type] = c.type;
  return out;
}

/**
 * A profile lookup for one decide() call. Deliberately not kept between calls: the work it saves
 * is within a payload, and a long-lived cache would hold on to the alerts' label values.
 */
export function profiler(policies: Policies): (labels: Labels) => Profile {
  const byValues = new ByLabelValues<Profile>(referencedLabels(policies), (labels) => profile(labels, policies));
  return (labels) => byValues.get(labels);
}

function profile(labels: Labels, policies: Policies): Profile {
  const classification = classifyLabels(labels, policies.classification);
  const matchLabels = routeLabels(labels, classification);
  const r = route(matchLabels, classification.severity, classification.service, policies);
  const named = r.groupBy.length > 0;
  const groupBy = named ? r.groupBy : policies.correlation.groupBy;
  return { classification, matchLabels, route: r, groupBy, named, groupKey: groupBy[0] === "..." ? "" : groupKeyOf(groupBy, matchLabels, named) };
}

/** An alert's group key: its profile's, or from all its own labels for group_by ["..."]. */
export function groupKeyFor(p: Profile, labels: Labels): string {
  return p.groupBy[0] === "..." ? groupKeyOf(p.groupBy, labels, true) : p.groupKey;
}

const referenced = new WeakMap<Policies, readonly string[]>();

/** Every label name whose value can change an alert's profile, computed once per policy set. */
export function referencedLabels(policies: Policies): readonly string[] {
  let names = referenced.get(policies);
  if (names) return names;
  const set = new Set<string>();
  const addMatchers = (ms: readonly Matcher[]): void => ms.forEach((m) => set.add(m.label));
  classificationLabels(policies.classification).forEach((n) => set.add(n));
  const walk = (node: RouteNode): void => {
    addMatchers(node.matchers);
    node.groupBy.forEach((n) => set.add(n));
    node.routes.forEach(walk);
  };
  walk(policies.routing.tree);
  policies.correlation.groupBy.forEach((n) => set.add(n));
  for (const p of Object.values(policies.playbooks)) p.matcherSets.forEach(addMatchers);
  referenced.set(policies, (names = [...set]));
  return names;
}

/** The labels classifyLabels() reads: matchers, severity labels, fallbacks, and the two its reasons quote. */
function classificationLabels(policy: ClassificationPolicy): string[] {
  const names = ["alertname", "service"];
  for (const rule of policy.rules) {
    for (const m of rule.matchers) names.push(m.label);
    if (rule.severity !== null && typeof rule.severity !== "string") names.push(rule.severity.fromLabel);
  }
  const fallback = policy.labels;
  names.push(...fallback.service, ...fallback.component, ...fallback.errorType, ...fallback.type);
  return names;
}

/**
 * A map keyed by the values of fixed label names, as nested maps so that a lookup allocates
 * nothing. A missing label (undefined) is a different key from "": a reason quotes `alertname` or "alert".
 */
class ByLabelValues<T> {
  private readonly root = new Map<string | undefined, unknown>();
  constructor(
    private readonly names: readonly string[],
    private readonly make: (labels: Labels) => T,
  ) {}

  get(labels: Labels): T {
    const last = this.names.length - 1;
    let node = this.root;
    for (let i = 0; i < last; i++) {
      const value = ownLabel(labels, this.names[i] as string);
      let next = node.get(value) as Map<string | undefined, unknown> | undefined;
      if (!next) node.set(value, (next = new Map()));
      node = next;
    }
    const value = last >= 0 ? ownLabel(labels, this.names[last] as string) : undefined;
    let found = node.get(value) as T | undefined;
    if (found === undefined) node.set(value, (found = this.make(labels)));
    return found;
  }
}
