// The dashboard's chart definitions: which numbers of the metrics report become which chart, with
// titles, axes, units and targets. Drawing is charts.ts's job.
import { SEVERITIES } from "../config/types.js";
import { formatAvailability } from "../metrics/availability.js";
import type { MetricsReport } from "../metrics/report.js";
import type { MetricsSeries } from "../metrics/series.js";
import { SEVERITY_SCALE, type Chart } from "./charts.js";

const WIDTH = 400;
const HEIGHT = 200;

function bucketTitle(series: MetricsSeries): string {
  return series.unit === "week" ? "Week starting (UTC)" : "Month (UTC)";
}

function xBucket(series: MetricsSeries) {
  // Every bucket on the axis, also those without a value (a line chart's data skips them).
  const labels = series.buckets.map((b) => b.label);
  return { field: "bucket", type: "ordinal" as const, sort: labels, scale: { domain: labels }, title: bucketTitle(series), axis: { labelAngle: -45 } };
}

export function incidentRateChart(series: MetricsSeries): Chart {
  const rows = series.buckets.flatMap((b, i) => SEVERITIES.map((s) => ({ bucket: b.label, severity: s, incidents: series.incidents[s][i] ?? 0 })));
  return {
    id: "chart-incident-rate",
    title: `Incidents per ${series.unit}`,
    caption: `Incidents by the ${series.unit} they were detected in, stacked by severity (count).`,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      mark: { type: "bar" },
      encoding: {
        x: xBucket(series),
        y: { aggregate: "sum", field: "incidents", type: "quantitative", title: "Incidents", axis: { tickMinStep: 1 } },
        color: { field: "severity", type: "nominal", title: "Severity", scale: SEVERITY_SCALE },
      },
    },
    table: { columns: [bucketTitle(series), ...SEVERITIES, "Total"], rows: series.buckets.map((b, i) => [b.label, ...SEVERITIES.map((s) => series.incidents[s][i] ?? 0), SEVERITIES.reduce((n, s) => n + (series.incidents[s][i] ?? 0), 0)]) },
  };
}

const TIME_NAMES = { mtta: ["MTTA", "detected → acknowledged"], mttd: ["MTTD", "started → detected"], mttr: ["MTTR", "started → resolved"] } as const;

/** Mean time per bucket and severity (minutes), with the policy's target as a dashed rule. */
export function timeChart(report: MetricsReport, key: "mtta" | "mttd" | "mttr"): Chart {
  const series = report.series;
  const [name, what] = TIME_NAMES[key];
  const targetMin = Math.round((report[key].targetMs / 60_000) * 10) / 10;
  const minutes = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round((v / 60_000) * 10) / 10);
  const rows = series.buckets.flatMap((b, i) => SEVERITIES.flatMap((s) => {
    const m = minutes(series[key][s][i]);
    return m === null ? [] : [{ bucket: b.label, severity: s, minutes: m }];
  }));
  return {
    id: `chart-${key}`,
    title: `${name} per ${series.unit}`,
    caption: `Mean ${name} (${what}) of the incidents resolved, by the ${series.unit} they were detected in and by severity, in minutes; the dashed line is the target, ${targetMin} min. Weeks without a resolved incident have no point.`,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: rows },
          mark: { type: "line", point: true },
          encoding: {
            x: xBucket(series),
            y: { field: "minutes", type: "quantitative", title: `${name}, minutes (mean)` },
            color: { field: "severity", type: "nominal", title: "Severity", scale: SEVERITY_SCALE },
          },
        },
        {
          data: { values: [{ target: targetMin }] },
          layer: [
            { mark: { type: "rule", strokeDash: [6, 4], color: "#1f2328" }, encoding: { y: { field: "target", type: "quantitative" } } },
            { mark: { type: "text", align: "right", baseline: "bottom", dy: -2, x: "width", color: "#1f2328", fontSize: 11 }, encoding: { y: { field: "target", type: "quantitative" }, text: { value: `target ${targetMin} min` } } },
          ],
        },
      ],
    },
    table: {
      columns: [bucketTitle(series), ...SEVERITIES.map((s) => `${s} (min)`), "All (min)"],
      rows: series.buckets.map((b, i) => [b.label, ...SEVERITIES.map((s) => minutes(series[key][s][i]) ?? "—"), minutes(series[key].all[i]) ?? "—"]),
    },
  };
}

export function availabilityChart(report: MetricsReport): Chart {
  const rows = report.availability.components.map((c) => ({ component: c.component, percent: Math.floor(c.availability * 100_000) / 1000, label: formatAvailability(c.availability) }));
  const low = Math.max(0, Math.floor(Math.min(99, ...rows.map((r) => r.percent)) - 0.5));
  return {
    id: "chart-availability",
    title: "Availability per component",
    caption: `Share of the time each status-page component was available, ${report.range.from.slice(0, 10)} to ${report.range.to.slice(0, 16).replace("T", " ")} UTC, in percent (axis from ${low}%): major outages count fully, partial outages ${Math.round(report.availability.partialOutageWeight * 100)}%.`,
    spec: {
      width: WIDTH - 180,
      height: { step: 28 },
      data: { values: rows },
      encoding: {
        y: { field: "component", type: "nominal", sort: null, title: null, axis: { labelLimit: 220 } },
        x: { field: "percent", type: "quantitative", title: "Availability (%)", scale: { domain: [low, 100], zero: false, clamp: true } },
      },
      layer: [
        { mark: { type: "bar", color: "#1a7f37", clip: true } },
        { mark: { type: "text", align: "right", dx: -4, color: "#ffffff", fontWeight: 600 }, encoding: { text: { field: "label", type: "nominal" } } },
      ],
    },
    table: { columns: ["Component", "Availability", "Weighted downtime (min)"], rows: report.availability.components.map((c) => [c.component, formatAvailability(c.availability), Math.round(c.downtimeMs / 60_000)]) },
  };
}

export function slaChart(report: MetricsReport): Chart {
  const pct = (r: number | "n/a"): number | null => (r === "n/a" ? null : Math.round(r * 1000) / 10);
  const rows = report.sla.flatMap((s) => [
    ...(pct(s.response.rate) === null ? [] : [{ severity: s.severity, clause: "Response", percent: pct(s.response.rate) }]),
    ...(pct(s.resolution.rate) === null ? [] : [{ severity: s.severity, clause: "Resolution", percent: pct(s.resolution.rate) }]),
  ]);
  const show = (r: number | "n/a", met: number, missed: number): string => (r === "n/a" ? "n/a" : `${pct(r)}% (${met}/${met + missed})`);
  return {
    id: "chart-sla",
    title: "SLA compliance per severity",
    caption: "Share of the incidents whose outcome is decided that met the severity's response target (acknowledged in time) and resolution target, in percent; severities without decided incidents have no bar.",
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      mark: { type: "bar" },
      encoding: {
        x: { field: "severity", type: "nominal", title: "Severity", scale: { domain: [...SEVERITIES] }, axis: { labelAngle: 0 } },
        xOffset: { field: "clause", type: "nominal" },
        y: { field: "percent", type: "quantitative", title: "Within target (%)", scale: { domain: [0, 100] } },
        color: { field: "clause", type: "nominal", title: "Target", scale: { range: ["#0969da", "#8250df"] } },
      },
    },
    table: {
      columns: ["Severity", "Incidents", "Response within target", "Resolution within target"],
      rows: report.sla.map((s) => [s.severity, s.incidents, show(s.response.rate, s.response.met, s.response.missed), show(s.resolution.rate, s.resolution.met, s.resolution.missed)]),
    },
  };
}
