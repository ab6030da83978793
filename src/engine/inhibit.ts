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

/**
 * Precomputed per decide() call: each rule's firing sources, indexed by their `equal` values so
 * that a storm of thousands of alerts costs one lookup per alert and rule, not a scan.
 */
export function inhibitor(rules: readonly InhibitRule[], sources: readonly InhibitionSource[]): (labels: Labels) => Inhibition | null {
  if (rules.length === 0) return () => null;
  const byRule = rules.map((rule) => {
    const index = new Map<string, InhibitionSource[]>();
    for (const s of sources) {
      if (!matchesAll(rule.sourceMatchers, s.labels)) continue;
      const key = equalKey(rule, s.labels);
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    return { rule, index };
  });
  return (labels) => {
    for (const { rule, index } of byRule) {
      if (index.size === 0 || !matchesAll(rule.targetMatchers, labels)) continue;
      const candidates = index.get(equalKey(rule, labels));
      if (!candidates) continue;
      const twoSided = matchesAll(rule.sourceMatchers, labels);
      for (const s of candidates) {
        if (twoSided && matchesAll(rule.targetMatchers, s.labels)) continue;
        return { rule, by: s };
      }
    }
    return null;
  };
}

/** The `equal` labels' values (missing = ""), as one string no other values share. */
function equalKey(rule: InhibitRule, labels: Labels): string {
  return JSON.stringify(rule.equal.map((name) => labelValue(labels, name)));
}
