// inhibition.yaml and time-intervals.yaml → inhibit rules and named time intervals. Both files are
// optional: without them nothing is inhibited or muted. Names are checked here; references from
// routes to intervals are checked in cross-checks.ts.
import type { PolicyFileKind } from "../config/kinds.js";
import type { InhibitRule, TimeInterval } from "../config/alerting-types.js";
import type { RawTimeIntervalSpec } from "./time-intervals.js";
import { readLegacyMatch, readMatchers } from "./policy-matchers.js";
import { readTimeIntervalSpec } from "./time-intervals.js";

interface RawInhibitRule {
  name?: string;
  source_matchers?: unknown;
  target_matchers?: unknown;
  equal?: string[];
  [legacy: string]: unknown;
}

export const inhibitionKind: PolicyFileKind<"inhibitRules"> = {
  id: "inhibition",
  path: "inhibition.yaml",
  schema: "inhibition.schema.json",
  fills: ["inhibitRules"],
  absent: () => ({ inhibitRules: [] }),
  normalise(doc, report) {
    const raw = (doc.value as { inhibit_rules: RawInhibitRule[] }).inhibit_rules;
    const names = new Set<string>();
    const inhibitRules = raw.map((r, i): InhibitRule => {
      const path = ["inhibit_rules", i];
      const name = r.name ?? `rule ${i + 1}`;
      if (names.has(name)) report.error(doc.at([...path, "name"]), `inhibit rule name \`${name}\` is used twice; reasons name the rule, so names must be unique`);
      names.add(name);
      return {
        name,
        sourceMatchers: [...readLegacyMatch(r, { match: "source_match", matchRe: "source_match_re" }, path, doc, report), ...readMatchers(r.source_matchers, [...path, "source_matchers"], doc, report)],
        targetMatchers: [...readLegacyMatch(r, { match: "target_match", matchRe: "target_match_re" }, path, doc, report), ...readMatchers(r.target_matchers, [...path, "target_matchers"], doc, report)],
        equal: r.equal ?? [],
        source: doc.at(path),
      };
    });
    return { inhibitRules };
  },
};

export const timeIntervalsKind: PolicyFileKind<"timeIntervals"> = {
  id: "time-intervals",
  path: "time-intervals.yaml",
  schema: "time-intervals.schema.json",
  fills: ["timeIntervals"],
  absent: () => ({ timeIntervals: Object.create(null) as Record<string, TimeInterval> }),
  normalise(doc, report) {
    const raw = (doc.value as { time_intervals: { name: string; time_intervals: RawTimeIntervalSpec[] }[] }).time_intervals;
    const timeIntervals = Object.create(null) as Record<string, TimeInterval>;
    raw.forEach((t, i) => {
      const path = ["time_intervals", i];
      if (timeIntervals[t.name]) report.error(doc.at([...path, "name"]), `time interval \`${t.name}\` is defined twice`);
      const specs = t.time_intervals.map((spec, j) => readTimeIntervalSpec(spec, (where, message) => report.error(doc.at([...path, "time_intervals", j, ...where]), `time interval \`${t.name}\`: ${message}`)));
      timeIntervals[t.name] = { name: t.name, specs, source: doc.at(path) };
    });
    return { timeIntervals };
  },
};
