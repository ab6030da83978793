// The machine-readable outputs beside the status page, all from the public status document: an
// Atom feed (RFC 4287) of incidents and maintenance, written by the `feed` library, and one
// shields.io endpoint badge per component plus one for the whole page
// (https://shields.io/badges/endpoint-badge: schemaVersion 1, label, message, color).
import { Feed } from "feed";
import type { ComponentStatus } from "../config/types.js";
import { esc } from "./html.js";
import type { StatusDocument, StatusIndicator } from "./model.js";
import { STATUS_LABEL } from "./status.js";

const INCIDENT_STATUS: Record<string, string> = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" };
const MAINTENANCE_STATUS: Record<string, string> = { scheduled: "Scheduled", in_progress: "In progress", completed: "Completed" };

function base(doc: StatusDocument): string {
  return doc.page.url === null ? "" : doc.page.url.replace(/\/*$/, "/");
}

/** Stable entry ids: under the page's URL when known, else a URN that names the page. */
function entryId(doc: StatusDocument, kind: string, id: string): string {
  return doc.page.url === null ? `urn:incident-as-code:${encodeURIComponent(doc.page.name)}:${kind}:${encodeURIComponent(id)}` : `${base(doc)}#${kind}-${encodeURIComponent(id)}`;
}

/** feed.atom: one entry per public incident (its updates, newest first) and per maintenance window. */
export function atomFeed(doc: StatusDocument): string {
  const feed = new Feed({
    title: `${doc.page.name}: incidents and maintenance`,
    id: entryId(doc, "feed", "all"),
    link: base(doc) || "index.html",
    updated: new Date(doc.generated_at),
    generator: "incident-as-code",
    feedLinks: { atom: `${base(doc)}feed.atom` },
    description: doc.status.description,
  });
  for (const i of doc.incidents) {
    feed.addItem({
      title: `${i.name} (${INCIDENT_STATUS[i.status] ?? i.status})`,
      id: entryId(doc, "incident", i.id),
      link: `${base(doc)}index.html#incident-${encodeURIComponent(i.id)}`,
      date: new Date(i.updated_at),
      published: new Date(i.started_at),
      content: i.updates.map((u) => `<p><strong>${esc(INCIDENT_STATUS[u.status] ?? u.status)}</strong> (${esc(u.at)})</p>${u.body_html}`).join("\n") + (i.postmortem_url ? `\n<p><a href="${esc(i.postmortem_url)}">Post-mortem</a></p>` : ""),
    });
  }
  for (const m of doc.maintenance) {
    feed.addItem({
      title: `Maintenance: ${m.name} (${MAINTENANCE_STATUS[m.status] ?? m.status})`,
      id: entryId(doc, "maintenance", m.id),
      link: `${base(doc)}index.html#maintenance-${encodeURIComponent(m.id)}`,
      date: new Date(m.scheduled_for),
      content: `<p>${esc(m.scheduled_for)} – ${esc(m.scheduled_until)}</p>${m.description ? `<p>${esc(m.description)}</p>` : ""}`,
    });
  }
  return feed.atom1();
}

const COLOR: Record<ComponentStatus, string> = {
  operational: "brightgreen",
  degraded_performance: "yellow",
  partial_outage: "orange",
  major_outage: "red",
  under_maintenance: "blue",
};
const INDICATOR_COLOR: Record<StatusIndicator, string> = { none: "brightgreen", maintenance: "blue", minor: "yellow", major: "orange", critical: "red" };

export interface EndpointBadge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
  cacheSeconds: number;
}

/** badges/<component id>.json for each component, and badges/status.json for the page. */
export function badges(doc: StatusDocument): { path: string; badge: EndpointBadge }[] {
  // shields.io caches endpoint responses at least 300 s; asking for that keeps badges near the page.
  const cacheSeconds = 300;
  return [
    { path: "badges/status.json", badge: { schemaVersion: 1, label: doc.page.name, message: doc.status.description.toLowerCase(), color: INDICATOR_COLOR[doc.status.indicator], cacheSeconds } },
    ...doc.components.map((c) => ({
      path: `badges/${c.id}.json`,
      badge: { schemaVersion: 1 as const, label: c.name, message: STATUS_LABEL[c.status].toLowerCase(), color: COLOR[c.status], cacheSeconds },
    })),
  ];
}
