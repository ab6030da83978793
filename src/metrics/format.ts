// The metrics report for people: markdown (tables, targets beside values, ✅/❌) for job summaries
// and issues, and plain text for the terminal. Both render the same MetricsReport.
import { formatDuration } from "../render/format.js";
import { SEVERITIES } from "../config/types.js";
import { formatAvailability } from "./availability.js";
import { availabilityChart, incidentRateChart, slaChart, timeChart } from "./mermaid.js";
import type { MetricsReport, NA, Rate, SlaClause, TimeMetric, Verdict } from "./report.js";

const TIME_ROWS = [
  ["mtta", "MTTA (detected → acknowledged)"],
  ["mttd", "MTTD (started → detected)"],
  ["mttr", "MTTR (started → resolved)"],
] as const;

function duration(ms: number | NA): string {
  return ms === "n/a" ? "n/a" : formatDuration(ms);
}

function percent(r: number | NA): string {
  return r === "n/a" ? "n/a" : `${Math.round(r * 1000) / 10}%`;
}

function ratio(x: { rate: number | NA; part: number; whole: number }): string {
  return x.rate === "n/a" ? "n/a" : `${percent(x.rate)} (${x.part}/${x.whole})`;
}

function bound(r: Rate): string {
  return `${r.bound === "max" ? "≤" : "≥"} ${percent(r.target)}`;
}

function mark(v: Verdict): string {
  return v === "met" ? "✅" : v === "missed" ? "❌" : "—";
}

function word(v: Verdict): string {
  return v === "n/a" ? "no data" : v;
}

function clauseRatio(c: SlaClause): string {
  return c.rate === "n/a" ? "n/a" : `${percent(c.rate)} (${c.met}/${c.met + c.missed})`;
}

function rateRows(r: MetricsReport): [string, Rate][] {
  return [
    ["Recurrence rate", r.recurrence],
    [`Post-mortem completion (${r.postmortems.severities.join(", ")})`, r.postmortems],
    ["Action-item completion", r.actionItems],
  ];
}

function incidentLine(r: MetricsReport): string {
  const per = SEVERITIES.map((s) => `${s} ${r.incidents.bySeverity[s]}`).join(" · ");
  const open = r.incidents.unresolved === 0 ? "" : `; ${r.incidents.unresolved} unresolved (counted, left out of the time means): ${r.incidents.unresolvedIds.join(", ")}`;
  return `${r.incidents.total} incidents (${per})${open}`;
}

/** Why a rate's whole is what it is, and what fed it: the notes under both renderings. */
function notes(r: MetricsReport): string[] {
  const out = [
    `Recurrence: a root-cause category seen in an earlier incident within ${formatDuration(r.recurrence.windowMs)}` +
      (r.recurrence.recurringIds.length > 0 ? ` — ${r.recurrence.recurringIds.join(", ")}` : "") +
      (r.recurrence.uncategorised > 0 ? `; ${r.recurrence.uncategorised} without a root-cause category not counted` : ""),
    `Post-mortems: published = status postmortem-published, or closed with a post-mortem path` +
      (r.postmortems.missingIds.length > 0 ? ` — missing: ${r.postmortems.missingIds.join(", ")}` : "") +
      (r.postmortems.notDue > 0 ? `; ${r.postmortems.notDue} not resolved yet, not due` : ""),
    `Action items: ${r.actionItems.definition}` + (r.actionItems.open > 0 ? `; ${r.actionItems.open} open and not yet due` : ""),
  ];
  for (const m of r.actionItems.missed) out.push(`  missed: ${m.incident} "${m.title}" (due ${m.due})`);
  return out;
}

function downtime(ms: number): string {
  return ms === 0 ? "none" : formatDuration(Math.round(ms / 1000) * 1000);
}

function availabilityNote(r: MetricsReport): string {
  return `from the durations of incidents of public severities; major outage counts fully, partial outage ${Math.round(r.availability.partialOutageWeight * 100)}%, degraded and maintenance not at all`;
}

/** Table cells hold record text (titles, ids): a pipe or newline would break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function formatMarkdown(r: MetricsReport): string {
  const lines = [
    "# Incident metrics",
    "",
    `${r.range.from} → ${r.range.to} (incidents by detection time)`,
    "",
    `**${cell(incidentLine(r))}**`,
    "",
    incidentRateChart(r.series),
    "",
    "## Time to acknowledge, detect, recover",
    "",
    "| Metric | Mean | Median | Measured | Target (mean) | |",
    "|---|---|---|---|---|---|",
    ...TIME_ROWS.map(([key, label]) => {
      const m: TimeMetric = r[key];
      return `| ${label} | ${duration(m.meanMs)} | ${duration(m.medianMs)} | ${m.measured} | ≤ ${formatDuration(m.targetMs)} | ${mark(m.verdict)} |`;
    }),
    "",
    ...TIME_ROWS.flatMap(([key, label]) => [timeChart(r.series, r.series[key].all, label.split(" ")[0] ?? key, r[key].targetMs), ""]),
    "## Availability",
    "",
    `Status-page components, ${r.availability.range.from} → ${r.availability.range.to}: ${availabilityNote(r)}`,
    "",
    "| Component | Availability | Downtime (weighted) | Incidents |",
    "|---|---|---|---|",
    ...r.availability.components.map((c) => `| ${cell(c.component)} | ${formatAvailability(c.availability)} | ${downtime(c.downtimeMs)} | ${cell(c.incidentIds.join(", ") || "none")} |`),
    `| **All components (mean)** | **${formatAvailability(r.availability.overall)}** | | |`,
    "",
    availabilityChart(r.availability),
    "",
    "## SLA compliance",
    "",
    "| Severity | Incidents | Response | Target | | Resolution | Target | |",
    "|---|---|---|---|---|---|---|---|",
    ...r.sla.map(
      (s) =>
        `| ${s.severity} | ${s.incidents} | ${clauseRatio(s.response)} | ≤ ${formatDuration(s.response.targetMs)} | ${mark(s.response.verdict)} ` +
        `| ${clauseRatio(s.resolution)} | ≤ ${formatDuration(s.resolution.targetMs)} | ${mark(s.resolution.verdict)} |`,
    ),
    "",
    slaChart(r),
    "",
    "## Rates",
    "",
    "| Metric | Value | Target | |",
    "|---|---|---|---|",
    ...rateRows(r).map(([label, x]) => `| ${label} | ${ratio(x)} | ${bound(x)} | ${mark(x.verdict)} |`),
    "",
    ...notes(r).map((n) => (n.startsWith("  ") ? `  - ${cell(n.trim())}` : `- ${cell(n)}`)),
  ];
  return lines.join("\n") + "\n";
}

export function formatText(r: MetricsReport): string {
  const pad = (s: string, n: number): string => s.padEnd(n);
  const lines = [`Incident metrics ${r.range.from} → ${r.range.to} (by detection time)`, incidentLine(r), ""];
  for (const [key, label] of TIME_ROWS) {
    const m = r[key];
    lines.push(
      `${pad(label, 32)} mean ${pad(duration(m.meanMs), 9)} median ${pad(duration(m.medianMs), 9)} n=${pad(String(m.measured), 4)} target ≤ ${pad(formatDuration(m.targetMs), 6)} ${word(m.verdict)}`,
    );
  }
  lines.push("", "SLA compliance (share of decided incidents within target)");
  for (const s of r.sla) {
    const c = (x: SlaClause): string => `${pad(clauseRatio(x), 14)} ≤ ${pad(formatDuration(x.targetMs), 4)} ${pad(word(x.verdict), 8)}`;
    lines.push(`  ${s.severity} ${pad(String(s.incidents), 4)} response ${c(s.response)} resolution ${c(s.resolution)}`.trimEnd());
  }
  lines.push("", `Availability (${availabilityNote(r)})`);
  for (const c of r.availability.components) lines.push(`  ${pad(c.component, 28)} ${pad(formatAvailability(c.availability), 9)} downtime ${downtime(c.downtimeMs)}`);
  lines.push(`  ${pad("all components (mean)", 28)} ${formatAvailability(r.availability.overall)}`);
  lines.push("");
  for (const [label, x] of rateRows(r)) lines.push(`${pad(label, 40)} ${pad(ratio(x), 16)} target ${pad(bound(x), 7)} ${word(x.verdict)}`);
  lines.push("", ...notes(r));
  return lines.join("\n") + "\n";
}
