// The metrics report's charts as Mermaid `xychart-beta` blocks, which GitHub renders in issues,
// comments, job summaries and markdown files. The same data as the dashboard's SVG charts
// (series.ts, availability.ts); Mermaid has no legend, so each chart shows one series plus, where
// the policy sets one, its target as a line, and says so in its title.
import type { AvailabilityReport } from "./availability.js";
import type { MetricsReport } from "./report.js";
import type { MetricsSeries, TimeSeries } from "./series.js";
import { SEVERITIES } from "../config/types.js";

/** Mermaid strings are double-quoted: no quotes, brackets or line breaks may pass through. */
function label(text: string): string {
  return `"${text.replace(/["\\[\]\r\n]+/g, " ").trim().slice(0, 80)}"`;
}

function round(n: number, digits = 1): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

function xAxis(series: MetricsSeries): string {
  const names = series.buckets.map((b) => label(series.unit === "week" ? b.label.slice(5) : b.label));
  return `  x-axis ${label(series.unit === "week" ? "Week starting (UTC, MM-DD)" : "Month (UTC)")} [${names.join(", ")}]`;
}

function block(lines: string[]): string {
  return ["```mermaid", "xychart-beta", ...lines, "```"].join("\n");
}

export function incidentRateChart(series: MetricsSeries): string {
  const totals = series.buckets.map((_, i) => SEVERITIES.reduce((n, s) => n + (series.incidents[s][i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  return block([`  title ${label(`Incidents per ${series.unit} (all severities)`)}`, xAxis(series), `  y-axis "Incidents" 0 --> ${max}`, `  bar [${totals.join(", ")}]`]);
}

/** A mean time per bucket (bars, minutes; 0 where nothing was measured) against the target (line). */
export function timeChart(series: MetricsSeries, values: TimeSeries, name: string, targetMs: number): string {
  const minutes = values.map((v) => (v === null ? 0 : round(v / 60_000)));
  const target = round(targetMs / 60_000);
  const max = Math.ceil(Math.max(target * 1.2, ...minutes, 1));
  return block([
    `  title ${label(`${name} per ${series.unit}, minutes (bars; 0 = none resolved) vs target ${target} min (line)`)}`,
    xAxis(series),
    `  y-axis "Minutes" 0 --> ${max}`,
    `  bar [${minutes.join(", ")}]`,
    `  line [${minutes.map(() => target).join(", ")}]`,
  ]);
}

export function availabilityChart(a: AvailabilityReport): string {
  if (a.components.length === 0) return "";
  const values = a.components.map((c) => Math.floor(c.availability * 100_000) / 1000);
  const low = Math.max(0, Math.floor(Math.min(...values, 99) - 1));
  return block([
    `  title "Availability per status-page component, % (from incident durations)"`,
    `  x-axis "Component" [${a.components.map((c) => label(c.component)).join(", ")}]`,
    `  y-axis "Availability (%)" ${low} --> 100`,
    `  bar [${values.join(", ")}]`,
  ]);
}

/** Share of decided incidents that met the resolution target, per severity (0 where none decided). */
export function slaChart(r: MetricsReport): string {
  const values = r.sla.map((s) => (s.resolution.rate === "n/a" ? 0 : round(s.resolution.rate * 100)));
  return block([
    `  title "Resolution SLA compliance per severity, % of decided incidents (0 = none decided)"`,
    `  x-axis "Severity" [${r.sla.map((s) => label(s.severity)).join(", ")}]`,
    `  y-axis "Within target (%)" 0 --> 100`,
    `  bar [${values.join(", ")}]`,
  ]);
}
