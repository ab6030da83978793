import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryTree } from "../store/testing/memory-tree.js";
import { p0Channels } from "../incident/incident.test-helpers.js";
import { runSimulate } from "./simulate.js";
import { repoRoot, shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";

const AT = new Date("2026-03-02T10:00:00Z");
const noRecords = memoryTree([]);
const run = async (text: string, json: boolean) => {
  const lines: string[] = [];
  const code = await runSimulate({ json }, { text, at: AT, policies: { policies: shippedPolicies(), issues: [] }, records: noRecords, onCall: testOnCall }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { code, out: lines.join("\n") };
};
const simulate = (file: string, json = true) => run(readFileSync(join(repoRoot, "examples", "alerts", file), "utf8"), json);
const pick = async (file: string) => {
  const { code, out } = await simulate(file);
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
  ])("%s", async (file, incidents) => {
    expect(await pick(file)).toEqual({ code: 0, errors: [], incidents });
  });

  it("has the documented keys, and the Plan's effects as data", async () => {
    const json = JSON.parse((await simulate("service-down.json")).out) as { incidents: Record<string, unknown>[]; effects: { kind: string }[]; decision: string };
    expect(Object.keys(json.incidents[0] ?? {})).toEqual(expect.arrayContaining(["action", "groupKey", "severity", "service", "title", "labels", "assignees", "commander", "alerts", "reasons"]));
    expect(json.decision).toBe("opened");
    expect(json.effects.map((e) => e.kind)).toEqual(["record.write", "issue.create", ...p0Channels("open").map(() => "notify.send"), "timer.arm", "record.settle"]);
  });

  it("prints each effect, the issue body rendered from the real template in full", async () => {
    const { out } = await simulate("service-down.json", false);
    expect(out).toContain("1. record.write — incidents/2026-03-02-001.yaml (P0 triggered, 1 alert(s), 1 timeline entries)");
    expect(out).toContain("2. issue.create — [P0] API is down (api-1.internal:9090)");
    expect(out).toContain("   │ ### Immediate Actions (0-5 minutes) · 0/5");
    expect(out).toContain("pagerduty (pagerduty, PAGERDUTY_ROUTING_KEY, else mention): open");
  });

  it("exits 1 with the error when the payload is rejected", async () => {
    const { code, out } = await run("nope", true);
    expect(code).toBe(1);
    expect(JSON.parse(out) as unknown).toMatchObject({ incidents: [], errors: [{ field: "$", message: expect.stringMatching(/^not valid JSON/) as unknown }] });
  });
});
