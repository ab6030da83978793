// The public status document (status.json) from policies, records and post-mortems. Pure: the
// time is an argument. What is public is decided here, once: incidents of the severities marked
// `status_page: true`, on the components of communication.yaml's mapping, with updates rendered
// from the external templates (public-updates.ts); maintenance windows from maintenance.yaml.
import type { ComponentStatus, IncidentComponentStatus, Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { componentNames, computeAvailability, downtimeMs, impactOf, type Impact } from "../metrics/availability.js";
import { HISTORY_DAYS, type StatusComponent, type StatusDocument, type StatusIncident, type StatusIndicator, type StatusMaintenance } from "./model.js";
import { publicStatus, publicUpdates } from "./public-updates.js";

const DAY = 86_400_000;

/** Worst first: an incident's outage outranks maintenance, maintenance outranks nothing. */
const SEVERITY_OF: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

export const STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY_OF[b] > SEVERITY_OF[a] ? b : a;
}

/** Component name → a unique, URL-safe id ("API Endpoints" → "api-endpoints"); the badge file name. */
export function componentIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "component";
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

/** UTC midnight of the day `ms` falls in. */
function midnight(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

/** The first instant of the history the status page shows: UTC midnight, HISTORY_DAYS − 1 days before today. */
export function historyStart(now: string): number {
  return midnight(Date.parse(now)) - (HISTORY_DAYS - 1) * DAY;
}

/** An open incident's effect now: its severity's state, at most degraded while monitoring. */
function currentState(record: IncidentRecord, impact: Impact): IncidentComponentStatus {
  return publicStatus(record) === "monitoring" && impact.status !== "degraded_performance" ? "degraded_performance" : impact.status;
}

function maintenanceComponents(services: readonly string[], policies: Policies): string[] {
  const mapping = policies.communication.statusPage.components;
  return [...new Set(services.flatMap((s) => (mapping[s] !== undefined ? [mapping[s]] : [])))];
}

function indicator(states: ComponentStatus[]): { indicator: StatusIndicator; description: string } {
  const worst = states.reduce<ComponentStatus>(worse, "operational");
  const byWorst: Record<ComponentStatus, [StatusIndicator, string]> = {
    operational: ["none", "All systems operational"],
    under_maintenance: ["maintenance", "Maintenance in progress"],
    degraded_performance: ["minor", "Degraded performance"],
    partial_outage: ["major", "Partial outage"],
    major_outage: ["critical", "Major outage"],
  };
  const [ind, description] = byWorst[worst];
  return { indicator: ind, description };
}

/** incident id → the post-mortem's path, for post-mortems whose front matter names an incident. */
export type PublishedPostmortems = ReadonlyMap<string, string>;

function postmortemUrl(path: string | undefined, repoUrl: string | null): string | null {
  if (path === undefined || repoUrl === null) return null;
  return `${repoUrl.replace(/\/+$/, "")}/blob/HEAD/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function statusDocument(
  policies: Policies,
  records: readonly IncidentRecord[],
  opts: { now: string; siteUrl: string | null; repoUrl: string | null; postmortems: PublishedPostmortems },
): StatusDocument {
  const now = Date.parse(opts.now);
  const start = historyStart(opts.now);
  const weight = policies.communication.statusPage.partialOutageWeight;
  const names = componentNames(policies);
  const ids = componentIds(names);
  const idOf = (name: string): string => ids.get(name) ?? name;
  const impacts = records.flatMap((r) => {
    const i = impactOf(r, policies);
    return i === null ? [] : [{ record: r, impact: i }];
  });
  const impactList = impacts.map((x) => x.impact);
  const maintenance = policies.maintenance.filter((m) => Date.parse(m.ends) >= start);

  // Now: open incidents (worst wins), then a window in progress where nothing is wrong.
  const state = new Map<string, ComponentStatus>(names.map((n) => [n, "operational"]));
  for (const { record, impact } of impacts) {
    if (impact.to !== null) continue;
    for (const c of impact.components) state.set(c, worse(state.get(c) ?? "operational", currentState(record, impact)));
  }
  for (const m of maintenance) {
    if (Date.parse(m.starts) > now || Date.parse(m.ends) <= now) continue;
    for (const c of maintenanceComponents(m.services, policies)) state.set(c, worse(state.get(c) ?? "operational", "under_maintenance"));
  }

  const availability = computeAvailability(records, policies, { from: new Date(start).toISOString(), to: opts.now });
  const components: StatusComponent[] = names.map((name) => {
    const days: StatusComponent["days"] = [];
    for (let d = 0; d < HISTORY_DAYS; d++) {
      const from = start + d * DAY;
      const to = Math.min(from + DAY, now);
      const touching = impacts.filter(({ impact }) => impact.components.includes(name) && impact.from < to && (impact.to ?? now) > from);
      let worst: ComponentStatus = touching.reduce<ComponentStatus>((w, { impact }) => worse(w, impact.status), "operational");
      if (maintenance.some((m) => Date.parse(m.starts) < to && Date.parse(m.ends) > from && maintenanceComponents(m.services, policies).includes(name))) worst = worse(worst, "under_maintenance");
      const down = to > from ? downtimeMs(impactList, name, from, to, weight) : 0;
      days.push({
        date: new Date(from).toISOString().slice(0, 10),
        availability: to > from ? 1 - down / (to - from) : 1,
        downtime_minutes: Math.round(down / 60_000),
        worst,
        incidents: touching.map(({ record }) => record.id).sort(),
      });
    }
    const figure = availability.components.find((c) => c.component === name)?.availability ?? 1;
    return { id: idOf(name), name, status: state.get(name) ?? "operational", availability: figure, days };
  });

  const incidents: StatusIncident[] = impacts
    .filter(({ impact }) => impact.to === null || impact.to >= start)
    .sort((a, b) => b.impact.from - a.impact.from || b.record.id.localeCompare(a.record.id))
    .map(({ record, impact }) => {
      const name = `${STATUS_LABEL[impact.status]}: ${impact.components.join(", ")}`;
      const updates = publicUpdates(record, policies, { name, components: impact.components });
      return {
        id: record.id,
        name,
        status: impact.to === null ? publicStatus(record) : "resolved",
        impact: impact.status,
        components: impact.components.map(idOf),
        started_at: new Date(impact.from).toISOString(),
        resolved_at: impact.to === null ? null : new Date(impact.to).toISOString(),
        updated_at: updates[0]?.at ?? record.timestamps.detected,
        postmortem_url: postmortemUrl(opts.postmortems.get(record.id), opts.repoUrl),
        updates,
      };
    });

  const windows: StatusMaintenance[] = maintenance.map((m) => ({
    id: m.id,
    name: m.title,
    description: m.description,
    status: Date.parse(m.starts) > now ? "scheduled" : Date.parse(m.ends) <= now ? "completed" : "in_progress",
    scheduled_for: m.starts,
    scheduled_until: m.ends,
    components: maintenanceComponents(m.services, policies).map(idOf),
  }));

  return {
    schema: 1,
    generated_at: new Date(now).toISOString(),
    page: { name: policies.communication.statusPage.name, url: opts.siteUrl },
    status: indicator([...state.values()]),
    history_days: HISTORY_DAYS,
    components,
    incidents,
    maintenance: windows,
  };
}
