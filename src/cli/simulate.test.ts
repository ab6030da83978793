import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryTree } from "../store/testing/memory-tree.js";
import { p0Channels } from "../incident/incident.test-helpers.js";
import { runSimulate } from "./simulate.js";
import { compilePolicies } from "../config/index.js";
import { serializeRecord } from "../incident/codec.js";
import type { IncidentRecord } from "../incident/record.js";
import { policyFiles, repoRoot, shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";

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

describe("incident simulate with a silence file", () => {
  const silenced = compilePolicies({
    ...policyFiles(),
    "policies/silences/pg-disk-resize.yaml": 'matchers: \'{alertname="DiskSpaceCritical", instance=~"pg-.*"}\'\nstarts: 2026-03-02T09:00:00Z\nends: 2026-03-02T11:00:00Z\nowner: dana-example\nreason: resizing the volume\nlink: https://example.com/change/42\n',
  });
  const run = async (at: string, json: boolean, text = readFileSync(join(repoRoot, "examples", "alerts", "disk-space-critical.json"), "utf8"), records = noRecords) => {
    const lines: string[] = [];
    const code = await runSimulate({ json }, { text, at: new Date(at), policies: silenced, records, onCall: testOnCall }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    return { code, out: lines.join("\n") };
  };

  it("says the matching alert is silenced by it, opens nothing, and opens the incident once it ended", async () => {
    expect(silenced.issues.filter((i) => i.level === "error")).toEqual([]);
    const during = await run("2026-03-02T10:00:00Z", false);
    expect(during.code).toBe(0);
    expect(during.out).toContain("decision: ignored");
    expect(during.out).toContain('silenced by silence pg-disk-resize (policies/silences/pg-disk-resize.yaml, {alertname="DiskSpaceCritical", instance=~"pg-.*"}, owner dana-example, until 2026-03-02T11:00:00.000Z): resizing the volume — https://example.com/change/42');
    expect(during.out).toContain("Plan (0 effect(s))");
    const json = async (at: string) => JSON.parse((await run(at, true)).out) as { incidents: { action: string }[]; effects: { kind: string }[] };
    const muted = await json("2026-03-02T10:59:59Z");
    expect(muted.incidents.map((i) => i.action)).toEqual(["ignore"]);
    expect(muted.effects).toEqual([]);
    const after = await json("2026-03-02T11:00:00Z"); // a silence ends at its `ends`, as Alertmanager's does
    expect(after.incidents.map((i) => i.action)).toEqual(["open"]);
    expect(after.effects.map((e) => e.kind)).toContain("issue.create");
  });

  it("prints the schedule run's notice to the incident it covered and the pull request removing the file, once it ended", async () => {
    const opened = await run("2026-03-02T08:00:00Z", true);
    const write = (JSON.parse(opened.out) as { effects: { kind: string; path?: string; record?: IncidentRecord }[] }).effects.find((e) => e.kind === "record.write");
    const rec = { ...write!.record!, links: { ...write!.record!.links, issue: 7 } };
    const records = memoryTree([{ path: `incidents/${rec.id}.yaml`, content: serializeRecord(rec) }]);
    const schedule = JSON.stringify({ schedule: "*/15 * * * *", repository: { default_branch: "trunk" } });
    const plan = JSON.parse((await run("2026-03-02T11:05:00Z", true, schedule, records)).out) as { door: string; decision: string; reason: string; effects: Record<string, unknown>[] };
    expect(plan.door).toBe("backstop");
    expect(plan.decision).toBe("backstop-acted");
    expect(plan.reason).toContain(`${rec.id}: told that a silence covering it ended`);
    const of = (kind: string) => plan.effects.filter((e) => e["kind"] === kind);
    expect(of("issue.comment").filter((e) => String(e["key"]).startsWith("silence-expired-"))).toEqual([
      expect.objectContaining({ issue: 7, key: `silence-expired-silence-pg-disk-resize-${Date.parse("2026-03-02T11:00:00Z")}`, body: expect.stringMatching(/^The silence \*\*pg-disk-resize\*\* \(owner dana-example: resizing the volume\)/) as unknown }),
    ]);
    expect(of("branch.commit")).toEqual([expect.objectContaining({ branch: "incident-as-code/expired-silences", base: "trunk", deletions: ["policies/silences/pg-disk-resize.yaml"] })]);
    expect(of("pr.upsert")).toEqual([expect.objectContaining({ branch: "incident-as-code/expired-silences", base: "trunk", title: "Remove 1 expired silence(s)" })]);
    // The note is in the one record write of the incident.
    expect(of("record.write")).toHaveLength(1);
    expect((of("record.write")[0]?.["record"] as IncidentRecord).timeline.map((t) => t.text)).toContain("silence pg-disk-resize ended at 2026-03-02T11:00:00.000Z: its alerts page again");
  });
});
