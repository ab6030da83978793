import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { compileWith } from "../config/compile.js";
import { monitoringKind } from "../config/files/monitoring.js";
import { coreSchemas } from "../config/schemas.js";
import { prometheusRules } from "./export.js";

const compiled = compileWith(
  { kinds: [monitoringKind], crossChecks: [], schemas: coreSchemas },
  { "policies/monitoring.yaml": readFileSync("policies/monitoring.yaml", "utf8") },
);
const policies = compiled.policies ?? (() => { throw new Error(JSON.stringify(compiled.issues)); })();
const hasPromtool = spawnSync("promtool", ["--version"]).status === 0;

describe("prometheusRules", () => {
  it("exports each monitoring rule with the labels classification matches on", () => {
    const out = parse(prometheusRules(policies)) as { groups: { name: string; interval: string; rules: { alert: string; for: string; labels: Record<string, string> }[] }[] };
    expect(out.groups[0]?.name).toBe("incident-as-code");
    expect(out.groups[0]?.rules.map((r) => [r.alert, r.for, r.labels.severity, r.labels.service])).toEqual([
      ["ServiceDown", "1m", "P0", "api"],
      ["HighErrorRate", "5m", "P1", "api"],
      ["DatabaseConnectionPoolExhausted", "3m", "P1", "database"],
      ["DiskSpaceCritical", "5m", "P1", "database"],
    ]);
    expect(out.groups[0]?.rules[0]?.labels).toEqual({ service: "api", component: "availability", error_type: "service_down", job: "api", severity: "P0" });
  });

  // .ci/run installs Debian's prometheus package, so CI always runs this; elsewhere it needs promtool.
  it.runIf(hasPromtool)("passes promtool check rules", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rules-")), "rules.yml");
    writeFileSync(file, prometheusRules(policies));
    expect(execFileSync("promtool", ["check", "rules", file], { encoding: "utf8" })).toContain("SUCCESS: 4 rules found");
  });
});
