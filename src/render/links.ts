// The row of links at the top of an incident issue: what a responder opens first at 3 a.m.
// Sources, in order: the alerts' annotations (Prometheus' `runbook_url` convention, Grafana's
// dashboard/panel/silence URLs, which the Grafana normaliser keeps as annotations), the service's
// policy links (services.yaml `runbook_url`, `dashboard_url`), the runbooks of the suggested
// playbooks (repository files), a silence in Alertmanager (communication.yaml `alertmanager_url`),
// and the status page. URLs are checked and escaped when rendered (`link` in escape.ts).
import type { Policies } from "../config/types.js";
import type { IncidentRecord, RecordedAlert } from "../incident/record.js";
import { link } from "./escape.js";
import { suggestedPlaybooks } from "./playbooks.js";
import { trusted, type Trusted } from "./env.js";

export type LinkKind = "runbook" | "dashboard" | "silence" | "status-page";

export interface IncidentLink {
  kind: LinkKind;
  label: string;
  url: string;
}

/** Annotation names per kind, as monitoring tools write them. */
const ANNOTATIONS: Record<"runbook" | "dashboard" | "silence", readonly string[]> = {
  runbook: ["runbook_url", "runbook"],
  dashboard: ["dashboard_url", "dashboard", "grafana_url", "panel_url"],
  silence: ["silence_url"],
};

const PER_KIND = 3;

function isUrl(v: string | undefined): v is string {
  return typeof v === "string" && /^https?:\/\/\S+$/i.test(v.trim());
}

/**
 * Alertmanager's UI opens a pre-filled silence form at `#/silences/new?filter={…}`; the matchers
 * are the alert's own labels (what the UI's "Silence" button on an alert fills in).
 */
export function alertmanagerSilenceUrl(base: string, alert: RecordedAlert): string {
  const labels = { alertname: alert.name, ...alert.labels };
  const matchers = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .join(",");
  return `${base.replace(/\/+$/, "")}/#/silences/new?filter=${encodeURIComponent(`{${matchers}}`)}`;
}

/** The links for the record, deduplicated by URL, at most three per kind. Pure. */
export function incidentLinks(record: IncidentRecord, policies: Policies): IncidentLink[] {
  const out: IncidentLink[] = [];
  const add = (kind: LinkKind, label: string, url: string): void => {
    if (out.some((l) => l.url === url) || out.filter((l) => l.kind === kind).length >= PER_KIND) return;
    out.push({ kind, label, url });
  };
  const firing = record.alerts.filter((a) => a.status === "firing");
  const alerts = firing.length > 0 ? firing : record.alerts;
  const names = new Set(alerts.map((a) => a.name));
  const named = (word: string, a: RecordedAlert) => (names.size > 1 ? `${word}: ${a.name}` : word);
  const service = policies.services[record.service];

  for (const a of alerts) for (const key of ANNOTATIONS.runbook) if (isUrl(a.annotations[key])) add("runbook", named("Runbook", a), a.annotations[key].trim());
  if (service?.runbookUrl) add("runbook", `Runbook: ${service.name}`, service.runbookUrl);
  for (const id of suggestedPlaybooks(record, policies)) {
    for (const r of policies.playbooks[id]?.runbooks ?? []) {
      const rb = policies.runbooks[r];
      if (rb) add("runbook", rb.title, `/${rb.path}`);
    }
  }
  for (const a of alerts) for (const key of ANNOTATIONS.dashboard) if (isUrl(a.annotations[key])) add("dashboard", named("Dashboard", a), a.annotations[key].trim());
  if (service?.dashboardUrl) add("dashboard", `Dashboard: ${service.name}`, service.dashboardUrl);
  for (const a of firing) for (const key of ANNOTATIONS.silence) if (isUrl(a.annotations[key])) add("silence", named("Silence", a), a.annotations[key].trim());
  const am = policies.communication.alertmanagerUrl ?? null;
  if (am) for (const a of firing.filter((x) => x.source === "alertmanager")) add("silence", named("Silence", a), alertmanagerSilenceUrl(am, a));
  const status = policies.communication.statusPage.url;
  if (status) add("status-page", "Status page", status);
  return out;
}

/** The links as one markdown line (`[Runbook](…) · [Dashboard](…)`), or "" when there are none. */
export function linksLine(links: readonly IncidentLink[]): Trusted {
  return trusted(links.map((l) => link(l.label, l.url)).join(" · "));
}
