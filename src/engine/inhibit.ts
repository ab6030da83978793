// Inhibition with Alertmanager's semantics (inhibit/inhibit.go): an alert matching a rule's target
// matchers is inhibited when a firing alert matching the rule's source matchers has the same value
// (missing = "") for every `equal` label. When the target itself also matches the source
// matchers, sources that also match the target matchers do not count; so no alert inhibits itself
// and two alerts matching both sides do not inhibit each other. Rules are tried in order; the
// first one with a source wins. Pure.
import type { InhibitRule } from "../config/alerting-types.js";
import type { Labels } from "./matchers.js";
import { labelValue, matchesAll } from "./matchers.js";

/** A firing alert that may inhibit others: its labels as rules see them, and how to name it. */
export interface InhibitionSource {
  labels: Labels;
  describe: string; // "alert NodeDown (fingerprint 1a2b…) of incident 2026-03-02-001"
}

export interface Inhibition {
  rule: InhibitRule;
  by: InhibitionSource;
}

/** Precomputed per decide() call: each rule's firing sources. */
export function inhibitor(rules: readonly InhibitRule[], sources: readonly InhibitionSource[]): (labels: Labels) => Inhibition | null {
  if (rules.length === 0) return () => null;
  const byRule = rules.map((rule) => ({ rule, sources: sources.filter((s) => matchesAll(rule.sourceMatchers, s.labels)) }));
  return (labels) => {
    for (const { rule, sources: candidates } of byRule) {
      if (candidates.length === 0 || !matchesAll(rule.targetMatchers, labels)) continue;
      const twoSided = matchesAll(rule.sourceMatchers, labels);
      for (const s of candidates) {
        if (!rule.equal.every((name) => labelValue(s.labels, name) === labelValue(labels, name))) continue;
        if (twoSided && matchesAll(rule.targetMatchers, s.labels)) continue;
        return { rule, by: s };
      }
    }
    return null;
  };
}
