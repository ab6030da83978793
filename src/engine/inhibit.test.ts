import { describe, expect, it } from "vitest";
import type { InhibitRule } from "../config/alerting-types.js";
import { inhibitor } from "./inhibit.js";
import { parseMatchers } from "./matchers.js";

const rule = (source: string, target: string, equal: string[], name = "r"): InhibitRule => ({ name, sourceMatchers: parseMatchers(source), targetMatchers: parseMatchers(target), equal, source: { file: "inhibition.yaml", line: 1, column: 1 } });
const src = (labels: Record<string, string>) => ({ labels, describe: JSON.stringify(labels) });

// Alertmanager's inhibit/inhibit.go semantics, as its inhibit_test.go exercises them.
describe("inhibitor", () => {
  const critical = rule('severity="critical"', 'severity="warning"', ["alertname", "cluster"]);

  it("inhibits a target whose equal labels match a firing source", () => {
    const inhibited = inhibitor([critical], [src({ alertname: "A", cluster: "c1", severity: "critical" })]);
    expect(inhibited({ alertname: "A", cluster: "c1", severity: "warning" })?.by.describe).toContain('"critical"');
    expect(inhibited({ alertname: "A", cluster: "c2", severity: "warning" })).toBeNull();
    expect(inhibited({ alertname: "B", cluster: "c1", severity: "warning" })).toBeNull();
    expect(inhibited({ alertname: "A", cluster: "c1", severity: "info" })).toBeNull();
  });

  it("treats a missing equal label as the empty value on both sides", () => {
    const inhibited = inhibitor([critical], [src({ alertname: "A", severity: "critical" })]);
    expect(inhibited({ alertname: "A", severity: "warning" })).not.toBeNull();
    expect(inhibited({ alertname: "A", cluster: "", severity: "warning" })).not.toBeNull();
    expect(inhibited({ alertname: "A", cluster: "x", severity: "warning" })).toBeNull();
  });

  it("never lets an alert inhibit itself, nor two alerts matching both sides inhibit each other", () => {
    const both = rule('alertname=~"Job.*"', 'alertname=~"Job.*"', ["job"]);
    const self = { alertname: "JobDown", job: "x" };
    expect(inhibitor([both], [src(self)])(self)).toBeNull();
    expect(inhibitor([both], [src(self), src({ alertname: "JobLate", job: "x" })])(self)).toBeNull();
  });

  it("lets a source that matches only the source side inhibit a target matching both", () => {
    const r = rule('severity="critical"', 'team="a"', []);
    const target = { severity: "critical", team: "a" };
    expect(inhibitor([r], [src(target), src({ severity: "critical", team: "b" })])(target)).not.toBeNull();
    expect(inhibitor([r], [src(target)])(target)).toBeNull();
  });

  it("reports the first rule, in order, that has a source", () => {
    const first = rule('a="1"', 'b="1"', [], "first");
    const second = rule('c="1"', 'b="1"', [], "second");
    expect(inhibitor([first, second], [src({ c: "1" }), src({ a: "1" })])({ b: "1" })?.rule.name).toBe("first");
    expect(inhibitor([first, second], [src({ c: "1" })])({ b: "1" })?.rule.name).toBe("second");
  });

  it("sees labels named like Object.prototype properties as labels", () => {
    const r = rule('constructor=""', 'toString="x"', ["constructor"]);
    expect(inhibitor([r], [src({})])({ toString: "x" })).not.toBeNull();
  });
});
