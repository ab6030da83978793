// The alerts door: the Plan for a new incident, the claims a run finishes for itself, adoption.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize } from "../../alerts/registry.js";
import type { Effect } from "../../plan/effects.js";
import { readMarkers } from "../../render/index.js";
import { repoRoot } from "../../../test/engine/fixtures.js";
import { claimKey } from "../claim.js";
import { onCall, p0Channels, policies } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { buildRecord } from "../testing.js";
import { alertsDoor, type AlertsInput } from "./alerts.js";

const NOW = "2026-03-02T10:00:00.000Z";
const alerts = normalize("alertmanager", JSON.parse(readFileSync(join(repoRoot, "examples/alerts/service-down.json"), "utf8")), { receivedAt: NOW }).alerts;
const run = (over: Partial<AlertsInput> = {}) => alertsDoor({ door: "alerts", alerts, policies, onCall, now: NOW, records: new Map(), usedIds: [], runId: "100", seed: "seed", staleAfterMs: 600_000, ...over });
const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);
const written = (effects: readonly Effect[]): IncidentRecord => {
  const w = effects.find((e) => e.kind === "record.write");
  if (w?.kind !== "record.write") throw new Error("no record written");
  return w.record;
};

describe("a new incident", () => {
  it("is written, its issue opened with the claim key in its marker, its channels notified, its first timer armed, then settled", () => {
    const plan = run();
    expect(plan).toMatchObject({ door: "alerts", decision: "opened", incidentIds: ["2026-03-02-001"] });
    const opens = p0Channels("open");
    expect(kinds(plan.effects)).toEqual(["record.write", "issue.create", ...opens.map(() => "notify.send"), "timer.arm", "record.settle"]);
    const record = written(plan.effects);
    expect(record.links).toEqual({ issue: null, postmortemPr: null, postmortemPath: null, openedBy: "100", claim: claimKey("seed", "2026-03-02-001") });
    expect(record.channels).toEqual(policies.routing.bySeverity.P0?.channels);
    expect(record.notifications?.map((n) => [n.key, n.status])).toEqual(opens.map((c) => [`2026-03-02-001:open#0:${c}`, "pending"]));
    const create = plan.effects.find((e) => e.kind === "issue.create");
    expect(create?.kind === "issue.create" && readMarkers(create.body)).toEqual([{ kind: "incident", data: { id: "2026-03-02-001", claim: record.links.claim ?? "" } }]);
    expect(create).toMatchObject({ claim: record.links.claim, title: "[P0] API is down (api-1.internal:9090)", labels: ["incident", "severity:P0", "status:triggered", "service:api", "team:backend"] });
  });

  it("takes the next number of the day, archived ids included", () => {
    expect(run({ usedIds: ["2026-03-02-001", "2026-03-02-007"] }).incidentIds).toEqual(["2026-03-02-008"]);
  });
});

describe("a claim whose issue was never created", () => {
  const opened = written(run().effects);
  const records = new Map([[opened.id, opened]]);

  it("is finished by the claiming run's re-run, even when the alert is a duplicate", () => {
    const plan = run({ records });
    expect(plan.decision).toBe("opened");
    expect(kinds(plan.effects)).toEqual(["issue.create", "record.settle"]);
    expect(plan.effects[0]).toMatchObject({ kind: "issue.create", claim: opened.links.claim });
  });

  it("is left to the claiming run by another run while it is fresh, and taken over once stale", () => {
    expect(run({ records, runId: "200" }).effects).toEqual([]);
    expect(kinds(run({ records, runId: "200", now: "2026-03-02T10:11:00.000Z" }).effects)).toContain("issue.create");
  });
});

describe("a declared issue", () => {
  const existingIssue = { number: 9, facts: { labels: ["incident:declared"], assignees: ["rita"], state: "open" as const } };

  it("is adopted: no issue is created, it is made the incident's (title, body, labels, assignees), the hand-set labels kept", () => {
    const plan = run({ door: "declaration", existingIssue });
    expect(kinds(plan.effects)).toEqual(["record.write", "issue.update", ...p0Channels("open").map(() => "notify.send"), "timer.arm", "record.settle"]);
    expect(written(plan.effects).links.issue).toBe(9);
    expect(plan.effects[1]).toMatchObject({ kind: "issue.update", issue: 9, title: "[P0] API is down (api-1.internal:9090)", currentLabels: ["incident:declared"], currentAssignees: ["rita"] });
  });

  it("that another incident has already is not adopted again: one issue, one incident", () => {
    const other = buildRecord({ id: "2026-03-01-004", groupKey: "web:frontend:latency", links: { issue: 9, postmortemPr: null, postmortemPath: null, openedBy: "1" } });
    const plan = run({ door: "declaration", existingIssue, records: new Map([[other.id, other]]) });
    expect(written(plan.effects).links.issue).toBeNull();
    expect(kinds(plan.effects)).toContain("issue.create");
  });
});
