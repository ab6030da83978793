// monitoring.yaml → the alerting rules exported to Prometheus.
import type { PolicyFileKind } from "../kinds.js";
import { parseDuration } from "../duration.js";
import type { MonitoringRule, Severity } from "../types.js";

interface RawRule {
  name: string;
  alert: string;
  expr: string;
  for: string;
  severity: Severity;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

export const monitoringKind: PolicyFileKind<"monitoring" | "monitoringGroup"> = {
  id: "monitoring",
  path: "monitoring.yaml",
  schema: "monitoring.schema.json",
  fills: ["monitoring", "monitoringGroup"],
  normalise(doc, report) {
    const raw = doc.value as { group: string; interval?: string; rules: RawRule[] };
    const seen = new Map<string, number>();
    const monitoring: MonitoringRule[] = raw.rules.map((r, i) => {
      const earlier = seen.get(r.alert);
      if (earlier !== undefined) report.error(doc.at(["rules", i, "alert"]), `alert \`${r.alert}\` is defined twice (also rules[${earlier}]); alert names must be unique`);
      seen.set(r.alert, i);
      if ("severity" in r.labels) report.error(doc.at(["rules", i, "labels", "severity"]), "do not set a `severity` label: it is generated from the rule's `severity` field");
      return {
        name: r.name,
        alert: r.alert,
        expr: r.expr,
        for: parseDuration(r.for) ?? 0,
        forText: r.for,
        severity: r.severity,
        labels: r.labels,
        annotations: r.annotations ?? {},
        source: doc.at(["rules", i]),
      };
    });
    return { monitoring, monitoringGroup: { group: raw.group, interval: raw.interval ?? null } };
  },
};
