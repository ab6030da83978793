// Availability of the status page's components, from incident durations: the figure the status
// page's 90-day bars, the dashboard and `incident metrics` all show, so they agree. Pure: records,
// policies and the range are arguments.
//
// The rule (Atlassian Statuspage's uptime showcase; Instatus uses the same weights): while a
// component is in major outage the time counts fully as downtime, in partial outage it counts
// `status_page.partial_outage_weight` (0.3 by default), degraded performance and maintenance count
// nothing. Where incidents overlap on a component, the worst state at each instant counts, once.
import type { IncidentComponentStatus, Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { affectedServices } from "../postmortem/facts.js";

/** One incident's effect on the status page: which components, in which state, over which span (ms). */
export interface Impact {
  incidentId: string;
  components: string[]; // component names, as in communication.yaml
  status: IncidentComponentStatus;
  from: number; // started, epoch ms
  to: number | null; // resolved, epoch ms; null while open
}

export interface ComponentAvailability {
  component: string;
  /** Weighted downtime in the range, ms. */
  downtimeMs: number;
  /** 1 − downtime ÷ range length, in [0, 1]. */
  availability: number;
  /** Incidents that touched the component in the range, by id. */
  incidentIds: string[];
}

export interface AvailabilityReport {
  range: { from: string; to: string };
  partialOutageWeight: number;
  components: ComponentAvailability[];
  /** Mean over the components (a parent's uptime is the mean of its children's on Statuspage); "n/a" without components. */
  overall: number | "n/a";
}

const RANK: Record<IncidentComponentStatus, number> = { degraded_performance: 1, partial_outage: 2, major_outage: 3 };
const WORST_FIRST = (Object.keys(RANK) as IncidentComponentStatus[]).sort((a, b) => RANK[b] - RANK[a]);

/** The status-page components in the order the policy lists them (services may share one). */
export function componentNames(policies: Pick<Policies, "communication">): string[] {
  return [...new Set(Object.values(policies.communication.statusPage.components))];
}

/** Whether incidents of this record's severity are shown on the status page (severities.yaml `status_page`). */
export function isPublic(record: Pick<IncidentRecord, "severity">, policies: Pick<Policies, "severities">): boolean {
  return policies.severities[record.severity].statusPage;
}

/**
 * The record's impact on the status page, or null when its severity is not public or none of its
 * services maps to a component. The state is the severity's `component_status` for the whole
 * span started → resolved: availability is computed from incident durations.
 */
export function impactOf(record: IncidentRecord, policies: Policies): Impact | null {
  if (!isPublic(record, policies)) return null;
  const mapping = policies.communication.statusPage.components;
  const components = [...new Set(affectedServices(record, policies).flatMap((s) => (mapping[s] !== undefined ? [mapping[s]] : [])))];
  const from = Date.parse(record.timestamps.started);
  const to = record.timestamps.resolved === null ? null : Date.parse(record.timestamps.resolved);
  if (components.length === 0 || Number.isNaN(from) || (to !== null && (Number.isNaN(to) || to < from))) return null;
  return { incidentId: record.id, components, status: policies.communication.statusPage.componentStatus[record.severity], from, to };
}

export function weightOf(status: IncidentComponentStatus, partialOutageWeight: number): number {
  return status === "major_outage" ? 1 : status === "partial_outage" ? partialOutageWeight : 0;
}

/**
 * Weighted downtime of one component in [from, to) ms: the span is cut at every impact boundary
 * and each piece counts with the weight of the worst state active in it. Open impacts last to `to`.
 * One sweep over the boundaries in order, keeping how many impacts of each state are active.
 */
export function downtimeMs(impacts: readonly Impact[], component: string, from: number, to: number, partialOutageWeight: number): number {
  const mine = impacts
    .filter((i) => i.components.includes(component))
    .map((i) => ({ from: Math.max(i.from, from), to: Math.min(i.to ?? to, to), status: i.status }))
    .filter((i) => i.to > i.from);
  if (mine.length === 0) return 0;
  const cuts = [...new Set(mine.flatMap((i) => [i.from, i.to]))].sort((a, b) => a - b);
  const starting = groupBy(mine, (i) => i.from);
  const ending = groupBy(mine, (i) => i.to);
  const active: Record<IncidentComponentStatus, number> = { degraded_performance: 0, partial_outage: 0, major_outage: 0 };
  let total = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k] ?? 0;
    for (const i of ending.get(a) ?? []) active[i.status] -= 1;
    for (const i of starting.get(a) ?? []) active[i.status] += 1;
    const worst = WORST_FIRST.find((status) => active[status] > 0);
    if (worst !== undefined) total += ((cuts[k + 1] ?? 0) - a) * weightOf(worst, partialOutageWeight);
  }
  return total;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const x of xs) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}

/** Availability per component over `range` (ISO instants, end exclusive) from the records' impacts. */
export function computeAvailability(records: readonly IncidentRecord[], policies: Policies, range: { from: string; to: string }): AvailabilityReport {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) throw new RangeError(`availability range ${range.from} → ${range.to} is not two ordered ISO instants`);
  const weight = policies.communication.statusPage.partialOutageWeight;
  const impacts = records.map((r) => impactOf(r, policies)).filter((i): i is Impact => i !== null);
  const components = componentNames(policies).map((component): ComponentAvailability => {
    const down = downtimeMs(impacts, component, from, to, weight);
    const touched = impacts.filter((i) => i.components.includes(component) && i.from < to && (i.to ?? to) > from).map((i) => i.incidentId);
    return { component, downtimeMs: down, availability: 1 - down / (to - from), incidentIds: [...new Set(touched)].sort() };
  });
  const overall = components.length === 0 ? "n/a" : components.reduce((s, c) => s + c.availability, 0) / components.length;
  return { range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, partialOutageWeight: weight, components, overall };
}

/** "99.987%": three decimals, rounded down so any downtime never shows as 100%. */
export function formatAvailability(a: number | "n/a"): string {
  if (a === "n/a") return "n/a";
  if (a >= 1) return "100%";
  return `${(Math.floor(a * 100_000) / 1000).toFixed(3)}%`;
}
