// The live part of the status page, as HTML, from a status document. The same function renders the
// page at build time (so it reads without JavaScript) and in the browser every 60 s from a fresh
// status.json: the client script embeds its source (client.ts). So it must stay self-contained —
// no imports at run time, no module-level helpers, nothing newer than the browsers we support.
import type { StatusDocument } from "./model.js";

/** The HTML inside <main id="live"> for `doc`, with ongoing durations measured to `now` (ISO). */
export function renderLive(doc: StatusDocument, now: string): string {
  const esc = (text: unknown): string =>
    String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
  const LABEL: Record<string, string> = {
    operational: "Operational",
    degraded_performance: "Degraded performance",
    partial_outage: "Partial outage",
    major_outage: "Major outage",
    under_maintenance: "Under maintenance",
    investigating: "Investigating",
    identified: "Identified",
    monitoring: "Monitoring",
    resolved: "Resolved",
    scheduled: "Scheduled",
    in_progress: "In progress",
    completed: "Completed",
  };
  // A shape as well as a colour, so the state never depends on colour alone (WCAG 1.4.1).
  const ICON: Record<string, string> = { operational: "✓", degraded_performance: "!", partial_outage: "!", major_outage: "✕", under_maintenance: "⚒" };
  const time = (iso: string): string => `<time datetime="${esc(iso)}">${esc(iso.slice(0, 10))} ${esc(iso.slice(11, 16))} UTC</time>`;
  const duration = (ms: number): string => {
    const minutes = Math.max(0, Math.round(ms / 60_000));
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    return [d ? `${d}d` : "", h ? `${h}h` : "", m || (!d && !h) ? `${m}m` : ""].filter(Boolean).join(" ");
  };
  const percent = (a: number): string => (a >= 1 ? "100%" : `${(Math.floor(a * 100_000) / 1000).toFixed(3)}%`);
  const names = new Map(doc.components.map((c) => [c.id, c.name]));
  const componentList = (ids: string[]): string => ids.map((id) => esc(names.get(id) ?? id)).join(", ");

  const updatesOf = (i: StatusDocument["incidents"][number]): string =>
    `<ol class="updates">${i.updates
      .map((u) => `<li><p class="update-head"><strong>${esc(LABEL[u.status] ?? u.status)}</strong> · ${time(u.at)}</p><div class="update-body">${u.body_html}</div></li>`)
      .join("")}</ol>`;

  const incidentCard = (i: StatusDocument["incidents"][number], open: boolean): string => {
    const span = i.resolved_at === null ? `since ${time(i.started_at)} (${duration(Date.parse(now) - Date.parse(i.started_at))})` : `${time(i.started_at)} – ${time(i.resolved_at)} (${duration(Date.parse(i.resolved_at) - Date.parse(i.started_at))})`;
    const pm = i.postmortem_url ? ` · <a href="${esc(i.postmortem_url)}">Post-mortem</a>` : "";
    const head = `<h3 class="incident-name">${esc(i.name)}</h3><p class="meta"><span class="pill state-${esc(i.impact)}">${esc(LABEL[i.status] ?? i.status)}</span> ${span}${pm}</p>`;
    if (open) return `<article class="incident open state-${esc(i.impact)}" id="incident-${esc(i.id)}" data-incident="${esc(i.id)}">${head}${updatesOf(i)}</article>`;
    return `<article class="incident" id="incident-${esc(i.id)}" data-incident="${esc(i.id)}">${head}<details id="updates-${esc(i.id)}"><summary>${i.updates.length} update${i.updates.length === 1 ? "" : "s"}</summary>${updatesOf(i)}</details></article>`;
  };

  const bars = (c: StatusDocument["components"][number]): string => {
    const w = 6;
    const rects = c.days
      .map((d, k) => {
        const tip = `${d.date}: ${percent(d.availability)} available${d.downtime_minutes > 0 ? `, ${d.downtime_minutes} min downtime` : ""}${d.worst !== "operational" ? ` (${LABEL[d.worst] ?? d.worst})` : ""}`;
        return `<rect x="${k * w}" y="0" width="${w - 2}" height="32" rx="1" class="day state-${esc(d.worst)}"><title>${esc(tip)}</title></rect>`;
      })
      .join("");
    const bad = c.days.filter((d) => d.downtime_minutes > 0 || d.worst !== "operational");
    const summary =
      `${c.name}: ${percent(c.availability)} available over the last ${c.days.length} days. ` +
      (bad.length === 0 ? "No incidents or maintenance." : `Days with incidents or maintenance: ${bad.map((d) => `${d.date} ${LABEL[d.worst] ?? d.worst}${d.downtime_minutes > 0 ? `, ${d.downtime_minutes} min downtime` : ""}`).join("; ")}.`);
    return `<svg class="bars" viewBox="0 0 ${c.days.length * w - 2} 32" preserveAspectRatio="none" role="img" aria-label="${esc(summary)}">${rects}</svg>`;
  };

  const component = (c: StatusDocument["components"][number]): string =>
    `<li class="component" data-component="${esc(c.id)}" data-status="${esc(c.status)}">` +
    `<div class="component-head"><span class="component-name">${esc(c.name)}</span>` +
    `<span class="component-status state-${esc(c.status)}"><span aria-hidden="true">${ICON[c.status] ?? ""}</span> ${esc(LABEL[c.status] ?? c.status)}</span></div>` +
    bars(c) +
    `<div class="bars-legend"><span>${c.days.length} days ago</span><span>${percent(c.availability)} uptime</span><span>Today</span></div></li>`;

  const maintenanceItem = (m: StatusDocument["maintenance"][number]): string =>
    `<article class="maintenance status-${esc(m.status)}" id="maintenance-${esc(m.id)}" data-maintenance="${esc(m.id)}"><h3>${esc(m.name)}</h3>` +
    `<p class="meta"><span class="pill state-under_maintenance">${esc(LABEL[m.status] ?? m.status)}</span> ${time(m.scheduled_for)} – ${time(m.scheduled_until)}${m.components.length ? ` · ${componentList(m.components)}` : ""}</p>` +
    (m.description ? `<p>${esc(m.description)}</p>` : "") +
    `</article>`;

  const active = doc.incidents.filter((i) => i.resolved_at === null);
  const past = doc.incidents.filter((i) => i.resolved_at !== null);
  const upcoming = doc.maintenance.filter((m) => m.status !== "completed");
  const completed = doc.maintenance.filter((m) => m.status === "completed");

  return [
    `<section class="overall indicator-${esc(doc.status.indicator)}" aria-labelledby="overall-title"><h2 id="overall-title">${esc(doc.status.description)}</h2></section>`,
    active.length ? `<section aria-labelledby="active-title"><h2 id="active-title">Active incidents</h2>${active.map((i) => incidentCard(i, true)).join("")}</section>` : "",
    upcoming.length ? `<section aria-labelledby="maintenance-title"><h2 id="maintenance-title">Scheduled maintenance</h2>${upcoming.map(maintenanceItem).join("")}</section>` : "",
    `<section aria-labelledby="components-title"><h2 id="components-title">Components</h2><ul class="components">${doc.components.map(component).join("")}</ul>` +
      `<p class="note">Each bar is one UTC day, coloured by the worst state of that day; uptime counts major outages fully and partial outages in part.</p></section>`,
    `<section aria-labelledby="history-title"><h2 id="history-title">Past incidents</h2>${past.length ? past.map((i) => incidentCard(i, false)).join("") : `<p>No incidents in the last ${doc.history_days} days.</p>`}` +
      (completed.length ? `<h3 class="sub">Completed maintenance</h3>${completed.map(maintenanceItem).join("")}` : "") +
      `</section>`,
  ].join("\n");
}
