// dashboard.html: the responders' and managers' view — open incidents (severity, age, commander,
// last update), MTTA/MTTD/MTTR over time against the targets, incident rate, availability per
// component, SLA compliance, action-item completion and recurring patterns. It shows internal
// text (titles, updates, commanders), escaped; communication.yaml's `status_page.dashboard`
// decides whether it is built at all.
import { formatDuration } from "../render/format.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { formatAvailability } from "../metrics/availability.js";
import type { MetricsReport, Rate, TimeMetric } from "../metrics/report.js";
import type { Pattern } from "../postmortem/patterns.js";
import { figure } from "./charts.js";
import { availabilityChart, incidentRateChart, slaChart, timeChart } from "./dashboard-charts.js";
import { esc, page, tableHtml } from "./html.js";

export interface DashboardInput {
  policies: Policies;
  records: readonly IncidentRecord[];
  report: MetricsReport;
  patterns: Pattern[];
  now: string;
  repoUrl: string | null;
  statusPage: boolean;
}

const clipText = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const when = (iso: string): string => `<time datetime="${esc(iso)}">${esc(iso.slice(0, 16).replace("T", " "))} UTC</time>`;

function issueLink(r: IncidentRecord, repoUrl: string | null): string {
  if (r.links.issue === null) return esc(r.id);
  const label = `${esc(r.id)} (#${r.links.issue})`;
  return repoUrl === null ? label : `<a href="${esc(`${repoUrl.replace(/\/+$/, "")}/issues/${r.links.issue}`)}">${label}</a>`;
}

function openIncidents(d: DashboardInput): string {
  const open = d.records
    .filter((r) => r.timestamps.resolved === null)
    .sort((a, b) => a.severity.localeCompare(b.severity) || Date.parse(a.timestamps.started) - Date.parse(b.timestamps.started));
  if (open.length === 0) return `<p>No open incidents.</p>`;
  const rows = open.map((r) => {
    const last = [...r.timeline].reverse().find((e) => e.kind === "update");
    const age = formatDuration(Math.max(0, Date.parse(d.now) - Date.parse(r.timestamps.started)));
    return (
      `<tr data-incident="${esc(r.id)}"><th scope="row">${issueLink(r, d.repoUrl)}</th><td><span class="pill sev-${esc(r.severity)}">${esc(r.severity)}</span></td>` +
      `<td>${esc(clipText(r.title, 200))}</td><td>${esc(r.status)}</td><td>${esc(age)}</td><td>${r.commander ? esc(`@${r.commander}`) : "unassigned"}</td>` +
      `<td>${last ? `${when(last.at)}: ${esc(clipText(last.text, 200))}` : "none yet"}</td></tr>`
    );
  });
  return tableHtml("Table of open incidents", ["Incident", "Severity", "Title", "Status", "Age", "Commander", "Last update"], rows);
}

function kpiTime(label: string, m: TimeMetric): string {
  const value = m.meanMs === "n/a" ? "n/a" : formatDuration(m.meanMs);
  const verdict = m.verdict === "n/a" ? "no data" : m.verdict;
  return `<li><span>${esc(label)}</span><span class="v">${esc(value)}</span><span class="${m.verdict === "missed" ? "missed" : m.verdict === "met" ? "met" : ""}">target ≤ ${esc(formatDuration(m.targetMs))}: ${esc(verdict)}</span></li>`;
}

function kpiRate(label: string, r: Rate): string {
  const value = r.rate === "n/a" ? "n/a" : `${Math.round(r.rate * 1000) / 10}%`;
  const bound = `${r.bound === "max" ? "≤" : "≥"} ${Math.round(r.target * 1000) / 10}%`;
  return `<li><span>${esc(label)}</span><span class="v">${esc(value)}</span><span class="${r.verdict === "missed" ? "missed" : r.verdict === "met" ? "met" : ""}">target ${esc(bound)}${r.whole > 0 ? ` (${r.part}/${r.whole})` : ""}</span></li>`;
}

function actionItems(report: MetricsReport): string {
  const a = report.actionItems;
  const missed = a.missed.length === 0
    ? "<p>No action item is past its due date without a tracking issue.</p>"
    : tableHtml("Table of missed action items", ["Incident", "Action item", "Due"], a.missed.map((m) => `<tr><th scope="row">${esc(m.incident)}</th><td>${esc(clipText(m.title, 200))}</td><td>${esc(m.due)}</td></tr>`));
  const definition = a.definition.charAt(0).toUpperCase() + a.definition.slice(1);
  return `<p>${esc(definition)}. ${a.open} open and not yet due.</p>${missed}`;
}

function patterns(list: Pattern[], windowMs: number): string {
  if (list.length === 0) return `<p>No root-cause category recurred often enough in the last ${esc(formatDuration(windowMs))} to count as a pattern.</p>`;
  const rows = list.map((p) => `<tr><th scope="row">${esc(p.category)}</th><td>${p.occurrences}</td><td>${esc(p.services.join(", "))}</td><td>${esc(p.incidents.join(", "))}</td><td>${when(p.lastSeen)}</td><td>${p.avgDurationMinutes === null ? "—" : `${p.avgDurationMinutes} min`}</td></tr>`);
  return tableHtml("Table of recurring patterns", ["Root-cause category", "Incidents", "Services", "Ids", "Last seen", "Mean duration"], rows);
}

export async function dashboardPage(d: DashboardInput): Promise<string> {
  const r = d.report;
  const charts = await Promise.all([incidentRateChart(r.series), timeChart(r, "mtta"), timeChart(r, "mttd"), timeChart(r, "mttr"), availabilityChart(r), slaChart(r)].map(figure));
  const openCount = d.records.filter((x) => x.timestamps.resolved === null).length;
  const body = [
    `<p class="note">Incidents detected ${when(r.range.from)} – ${when(r.range.to)}; the time means are over resolved incidents. Built ${when(d.now)}.</p>`,
    `<section aria-labelledby="kpi-title"><h2 id="kpi-title">At a glance</h2><ul class="kpis">`,
    `<li><span>Open incidents</span><span class="v">${openCount}</span><span>${r.incidents.total} in range</span></li>`,
    kpiTime("MTTA", r.mtta),
    kpiTime("MTTD", r.mttd),
    kpiTime("MTTR", r.mttr),
    `<li><span>Availability (all components)</span><span class="v">${esc(formatAvailability(r.availability.overall))}</span><span>mean of the components</span></li>`,
    kpiRate("Action-item completion", r.actionItems),
    kpiRate("Recurrence rate", r.recurrence),
    kpiRate("Post-mortem completion", r.postmortems),
    `</ul></section>`,
    `<section aria-labelledby="open-title"><h2 id="open-title">Open incidents</h2>${openIncidents(d)}</section>`,
    `<section aria-labelledby="charts-title"><h2 id="charts-title">Trends</h2><div class="grid">${charts.join("")}</div></section>`,
    `<section aria-labelledby="actions-title"><h2 id="actions-title">Action-item completion</h2>${actionItems(r)}</section>`,
    `<section aria-labelledby="patterns-title"><h2 id="patterns-title">Recurring patterns</h2>${patterns(d.patterns, d.policies.postmortem.patterns.window)}</section>`,
  ].join("\n");
  return page({
    title: `${d.policies.communication.statusPage.name}: incident dashboard`,
    heading: "Incident dashboard",
    nav: d.statusPage ? [["index.html", "Status page"]] : [],
    body,
    footer: `Built from the incident records in the repository. Times are UTC. Internal: incident titles and updates are shown as written.`,
  });
}
