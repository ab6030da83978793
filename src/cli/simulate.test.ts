import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSimulate } from "./simulate.js";
import { compilePolicies } from "../config/index.js";
import { policyFiles, repoRoot, shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";

const AT = new Date("2026-03-02T10:00:00Z");
const simulate = (file: string, json = true) => {
  const lines: string[] = [];
  const text = readFileSync(join(repoRoot, "examples", "alerts", file), "utf8");
  const code = runSimulate({ json }, { text, at: AT, policies: { policies: shippedPolicies(), issues: [] }, openIncidents: [], onCall: testOnCall }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { code, out: lines.join("\n") };
};
const pick = (file: string) => {
  const { code, out } = simulate(file);
  const json = JSON.parse(out) as { incidents: Record<string, unknown>[]; errors: unknown[] };
  return { code, errors: json.errors, incidents: json.incidents.map((i) => [i["action"], i["groupKey"], i["severity"], i["service"], i["commander"], i["alerts"]]) };
};

describe("incident simulate --json on the shipped examples", () => {
  it.each([
    ["service-down.json", [["open", "api:availability:service_down", "P0", "api", "frank-example", 1]]],
    ["repository-dispatch-alertmanager.json", [["open", "api:availability:service_down", "P0", "api", "frank-example", 1]]],
    ["high-error-rate.json", [["open", "api:http:error_rate", "P1", "api", "alice-example", 2]]],
    ["database-connection-pool-exhausted.json", [["open", "database:connection_pool:pool_exhausted", "P1", "database", "dana-example", 1]]],
    ["disk-space-critical.json", [["open", "database:storage:disk_full", "P1", "database", "dana-example", 1]]],
    ["alertmanager-v4.json", [["open", "web:frontend:HighLatency", "P2", "web", "grace-example", 1]]],
    ["grafana.json", [["open", "auth::AuthLatencyHigh", "P2", "auth", "charlie-example", 1]]],
    ["generic.json", [["open", "web::CertificateExpiring", "P2", "web", "grace-example", 1]]],
    ["resolved.json", [["ignore", "api:http:error_rate", null, null, null, 2]]],
  ])("%s", (file, incidents) => {
    expect(pick(file)).toEqual({ code: 0, errors: [], incidents });
  });

  it("has the documented keys", () => {
    const json = JSON.parse(simulate("service-down.json").out) as { incidents: Record<string, unknown>[] };
    expect(Object.keys(json.incidents[0] ?? {})).toEqual(expect.arrayContaining(["action", "groupKey", "severity", "service", "title", "labels", "assignees", "commander", "alerts", "reasons"]));
  });

  it("prints the plan and an issue preview", () => {
    const { out } = simulate("service-down.json", false);
    expect(out).toContain("1. incident.open — group api:availability:service_down");
    expect(out).toContain("Issue preview: [P0] API is down (api-1.internal:9090)");
    expect(out).toContain("pagerduty (PAGERDUTY_ROUTING_KEY, else mention)");
  });

  it("exits 1 with the error when the payload is rejected", () => {
    const lines: string[] = [];
    const code = runSimulate({ json: true }, { text: "nope", at: AT, policies: { policies: shippedPolicies(), issues: [] }, openIncidents: [], onCall: testOnCall }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    expect(code).toBe(1);
    expect(JSON.parse(lines.join("")) as unknown).toMatchObject({ incidents: [], errors: [{ field: "$", message: expect.stringMatching(/^not valid JSON/) as unknown }] });
  });
});

describe("incident simulate with a silence file", () => {
  const silenced = compilePolicies({
    ...policyFiles(),
    "policies/silences/pg-disk-resize.yaml": 'matchers: \'{alertname="DiskSpaceCritical", instance=~"pg-.*"}\'\nstarts: 2026-03-02T09:00:00Z\nends: 2026-03-02T11:00:00Z\nowner: dana-example\nreason: resizing the volume\nlink: https://example.com/change/42\n',
  });
  const run = (at: string, json: boolean) => {
    const lines: string[] = [];
    const text = readFileSync(join(repoRoot, "examples", "alerts", "disk-space-critical.json"), "utf8");
    const code = runSimulate({ json }, { text, at: new Date(at), policies: silenced, openIncidents: [], onCall: testOnCall }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    return { code, out: lines.join("\n") };
  };

  it("says the matching alert is silenced by it, opens nothing, and opens the incident once it ended", () => {
    expect(silenced.issues.filter((i) => i.level === "error")).toEqual([]);
    const during = run("2026-03-02T10:00:00Z", false);
    expect(during.code).toBe(0);
    expect(during.out).toContain("alerts.ignore");
    expect(during.out).toContain('silenced by silence pg-disk-resize (policies/silences/pg-disk-resize.yaml, {alertname="DiskSpaceCritical", instance=~"pg-.*"}, owner dana-example, until 2026-03-02T11:00:00.000Z): resizing the volume — https://example.com/change/42');
    expect(during.out).not.toContain("incident.open");
    const json = (at: string) => (JSON.parse(run(at, true).out) as { incidents: { action: string }[] }).incidents.map((i) => i.action);
    expect(json("2026-03-02T10:59:59Z")).toEqual(["ignore"]);
    expect(json("2026-03-02T11:00:00Z")).toEqual(["open"]); // a silence ends at its `ends`, as Alertmanager's does
  });
});
