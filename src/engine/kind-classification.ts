// classification.yaml → ClassificationPolicy.
import type { PolicyFileKind } from "../config/kinds.js";
import type { ClassificationRule, Severity } from "../config/types.js";
import { readMatchers } from "./policy-matchers.js";

interface RawRule {
  name: string;
  matchers: unknown;
  severity?: Severity | { from_label: string; map: Record<string, Severity> };
  service?: string;
  component?: string;
  error_type?: string;
  type?: string;
  title?: string;
  continue?: boolean;
}

interface RawClassification {
  default_severity?: Severity;
  labels?: { service?: string[]; component?: string[]; error_type?: string[]; type?: string[] };
  rules: RawRule[];
}

export const classificationKind: PolicyFileKind<"classification"> = {
  id: "classification",
  path: "classification.yaml",
  schema: "classification.schema.json",
  fills: ["classification"],
  normalise(doc, report) {
    const raw = doc.value as RawClassification;
    const names = new Set<string>();
    const rules: ClassificationRule[] = raw.rules.map((r, i) => {
      if (names.has(r.name)) report.error(doc.at(["rules", i, "name"]), `rule name \`${r.name}\` is used twice; names appear in decisions and must be unique`);
      names.add(r.name);
      const s = r.severity;
      let severity: ClassificationRule["severity"] = null;
      if (typeof s === "string") severity = s;
      else if (s) {
        // Label values are matched case-insensitively, so the map is kept with both spellings.
        const map = Object.create(null) as Record<string, Severity>; // indexed by label values: no prototype
        for (const [k, v] of Object.entries(s.map)) {
          map[k] = v;
          map[k.toLowerCase()] ??= v;
        }
        severity = { fromLabel: s.from_label, map };
      }
      return {
        name: r.name,
        matchers: readMatchers(r.matchers, ["rules", i, "matchers"], doc, report),
        severity,
        service: r.service ?? null,
        component: r.component ?? null,
        errorType: r.error_type ?? null,
        type: r.type ?? null,
        title: r.title ?? null,
        continue: r.continue ?? false,
        source: doc.at(["rules", i]),
      };
    });
    const l = raw.labels ?? {};
    return {
      classification: {
        rules,
        labels: { service: l.service ?? ["service"], component: l.component ?? ["component"], errorType: l.error_type ?? ["error_type", "alertname"], type: l.type ?? ["incident_type"] },
        defaultSeverity: raw.default_severity ?? "P3",
      },
    };
  },
};
