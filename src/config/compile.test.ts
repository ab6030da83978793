import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWith, type Registry } from "./compile.js";
import { severitiesKind } from "./files/severities.js";
import { servicesKind, teamsKind } from "./files/services.js";
import { monitoringKind } from "./files/monitoring.js";
import { checklistsKind, accessKind } from "./files/response.js";
import { metricsKind, postmortemKind } from "./files/outcomes.js";
import { coreSchemas } from "./schemas.js";
import type { PolicyIssue } from "./kinds.js";

// The framework on its own: a registry of a few file kinds, no cross-checks.
const registry: Registry = {
  kinds: [severitiesKind, servicesKind, teamsKind, monitoringKind, checklistsKind, accessKind, metricsKind, postmortemKind],
  crossChecks: [],
  schemas: coreSchemas,
};
const shipped = (name: string): string => readFileSync(`policies/${name}`, "utf8");
const baseFiles = (): Record<string, string> =>
  Object.fromEntries(registry.kinds.map((k) => [`policies/${k.path}`, shipped(k.path)]));

function compile(changes: Record<string, string | undefined>, oversized?: Record<string, number>) {
  const files = { ...baseFiles(), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete files[k];
  return compileWith(registry, files as Record<string, string>, { oversized });
}
const errors = (issues: PolicyIssue[]) => issues.filter((i) => i.level === "error");
const where = (i: PolicyIssue) => `${i.file}:${i.line}:${i.column}`;

describe("compileWith", () => {
  it("accepts the shipped files and normalises durations", () => {
    const { policies, issues } = compile({});
    expect(errors(issues)).toEqual([]);
    expect(policies?.severities.P0.responseTime).toBe(5 * 60_000);
    expect(policies?.severities.P3.escalation).toEqual({ kind: "next-business-day" });
    expect(policies?.severities.P1.escalation).toEqual({ kind: "after", after: 30 * 60_000 });
    expect(policies?.monitoring.map((r) => [r.alert, r.severity])).toEqual([
      ["ServiceDown", "P0"],
      ["HighErrorRate", "P1"],
      ["DatabaseConnectionPoolExhausted", "P1"],
      ["DiskSpaceCritical", "P1"],
    ]);
  });

  it("reports a missing file by name", () => {
    const { policies, issues } = compile({ "policies/teams.yaml": undefined });
    expect(policies).toBeNull();
    expect(errors(issues).map((i) => [where(i), i.message])).toEqual([
      ["policies/teams.yaml:1:1", expect.stringContaining("missing policy file policies/teams.yaml")],
    ]);
  });

  it("reports a YAML syntax error at its line", () => {
    const { issues } = compile({ "policies/access.yaml": "minimum_role: write\nelevated: [unclosed\n" });
    const [e] = errors(issues);
    expect(e?.file).toBe("policies/access.yaml");
    expect(e?.message).toMatch(/^YAML syntax error/);
    expect(e?.line).toBeGreaterThanOrEqual(2);
  });

  it("reports a duplicate key at the second occurrence", () => {
    const { issues } = compile({ "policies/access.yaml": "minimum_role: write\nminimum_role: admin\n" });
    expect(errors(issues).map((i) => [where(i), i.message])).toEqual([["policies/access.yaml:2:1", expect.stringMatching(/^duplicate key/)]]);
  });

  it("reports a wrong type with the key's path and what is allowed", () => {
    const text = shipped("severities.yaml").replace("response_time: 15m", "response_time: 15");
    const line = text.split("\n").findIndex((l) => l.includes("response_time: 15")) + 1;
    const { issues } = compile({ "policies/severities.yaml": text });
    expect(errors(issues).map((i) => [where(i), i.message])).toEqual([
      [`policies/severities.yaml:${line}:20`, "`severities.P1.response_time` must be a string, got 15 (a duration such as 90s, 5m, 2h, 1d, 1w or 1h30m)"],
    ]);
  });

  it("suggests the near miss for an unknown key", () => {
    const text = shipped("severities.yaml").replace("    response_time: 1h\n", "    respons_time: 1h\n");
    const line = text.split("\n").findIndex((l) => l.includes("respons_time")) + 1;
    const { issues } = compile({ "policies/severities.yaml": text });
    const messages = errors(issues).map((i) => [where(i), i.message]);
    expect(messages).toContainEqual([`policies/severities.yaml:${line}:5`, expect.stringContaining("unknown key `respons_time` in `severities.P2` — did you mean `response_time`?")]);
    expect(messages).toContainEqual([expect.any(String), "`severities.P2` is missing required key `response_time`"]);
  });

  it("refuses a billion-laughs alias bomb quickly", () => {
    const lol = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]", ...["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`)].join("\n");
    const started = process.hrtime.bigint();
    const { issues } = compile({ "policies/access.yaml": lol });
    // Expanded, the bomb is 9^9 nodes and never finishes; refused, it takes milliseconds. The bound
    // only has to tell the two apart, also beside other work on a busy machine.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(30_000);
    expect(errors(issues).map((i) => i.message)).toEqual([expect.stringContaining("too many YAML aliases")]);
  });

  it("refuses a 5 MB file without parsing it", () => {
    const big = "# padding\n".repeat(500_000);
    const { issues } = compile({ "policies/checklists.yaml": big });
    expect(errors(issues).map((i) => [where(i), i.message])).toEqual([["policies/checklists.yaml:1:1", expect.stringContaining("over the 1024 KiB limit")]]);
    const unread = compile({ "policies/checklists.yaml": undefined }, { "policies/checklists.yaml": 5_000_000 });
    expect(errors(unread.issues).map((i) => i.message)).toEqual([expect.stringContaining("4883 KiB, over the 1024 KiB limit")]);
  });

  it("reports every broken file in one run, sorted by file and line", () => {
    const { issues } = compile({
      "policies/access.yaml": "minimum_role: owner\n",
      "policies/metrics.yaml": "success_metrics: {}\n",
      "policies/teams.yaml": "teams:\n  backend:\n    name: Backend\n    members: [alice-example]\n    lead: zed-example\n",
    });
    expect(errors(issues).map((i) => i.file)).toEqual([
      "policies/access.yaml",
      ...Array<string>(6).fill("policies/metrics.yaml"),
      "policies/teams.yaml",
    ]);
    expect(errors(issues).at(-1)?.message).toBe("team `backend` has lead `zed-example` who is not one of its members (alice-example)");
  });

  it("rejects severities whose targets contradict their order", () => {
    const text = shipped("severities.yaml").replace("response_time: 5m", "response_time: 30m");
    const { issues } = compile({ "policies/severities.yaml": text });
    expect(errors(issues).map((i) => i.message)).toEqual(["`severities.P0.response_time` is longer than P1's: a more severe level must be answered at least as fast"]);
  });

  it("warns about a YAML file it does not read, with the likely name", () => {
    const { issues } = compile({ "policies/severites.yaml": "x: 1\n" });
    expect(issues.filter((i) => i.level === "warning").map((i) => i.message)).toEqual([
      "policies/severites.yaml is not a policy file this version reads, so it is ignored — did you mean policies/severities.yaml?",
    ]);
  });

  it("reports a template that does not parse at its line", () => {
    const { issues } = compile({ "policies/templates/broken.njk": "Hello\n{% if x %}\n{{ y }\n" });
    expect(errors(issues).map((i) => [where(i), i.message])).toEqual([["policies/templates/broken.njk:3:7", "template does not parse: expected variable end"]]);
  });
});
