import { describe, expect, it } from "vitest";
import { compilePolicies } from "../config/index.js";
import type { Policies } from "../config/types.js";
import { policyOnCall } from "../oncall/port.js";
import { labelFingerprint } from "../alerts/fields.js";
import type { IncidentRecord } from "../incident/record.js";
import { policyFiles, shippedPolicies } from "../../test/engine/fixtures.js";
import { ALL_ALERTS, DATABASE_ALERTS, replayRecords } from "../../test/replay/fixture.js";
import { replayPolicies } from "./replay.js";
import { replayMarkdown } from "./render.js";

const base = shippedPolicies();
const NOW = Date.parse("2026-03-04T18:00:00Z");

function withFiles(extra: Record<string, string>, edit: (files: Record<string, string>) => void = () => undefined): Policies {
  const files = { ...policyFiles(), ...extra };
  edit(files);
  const r = compilePolicies(files);
  if (!r.policies) throw new Error(r.issues.map((i) => `${i.file}:${i.line} ${i.message}`).join("\n"));
  return r.policies;
}

const run = (head: Policies, records: IncidentRecord[] = replayRecords(), extra: { limit?: number } = {}) => replayPolicies({ base, head, records, now: NOW, onCall: policyOnCall, ...extra });

describe("replayPolicies", () => {
  it("finds nothing when the policies are the same, and is deterministic", () => {
    const r = run(base);
    expect([r.replayed, r.changedAlerts, r.differences, r.oncall.differences, r.silences, r.rewrites]).toEqual([ALL_ALERTS, 0, [], [], [], []]);
    expect(run(base)).toEqual(r);
  });

  it("shows a silence the change adds: the alerts it covers stop paging, and the silence is listed", () => {
    const head = withFiles({
      "policies/silences/db-maintenance.yaml": "matchers: '{__service=\"database\"}'\nstarts: 2026-02-09T00:00:00Z\nends: 2026-02-10T00:00:00Z\nowner: dana-example\nreason: Pool resize\n",
    });
    const r = run(head);
    expect(r.counts.suppression).toBe(2);
    expect(r.differences.map((d) => [d.alert.alert.labels["alertname"], d.base.suppressed, d.head.suppressed, d.head.paged])).toEqual([
      ["DatabaseConnectionPoolExhausted", null, "silenced", []],
      ["DatabaseConnectionPoolExhausted", null, "silenced", []],
    ]);
    expect(r.incidents).toEqual({ base: 7, head: 6 });
    // Its matchers cover every database alert replayed, whatever their time.
    expect(r.silences).toEqual([expect.objectContaining({ id: "db-maintenance", change: "added", owner: "dana-example", matchers: '{__service="database"}', matching: DATABASE_ALERTS })]);
    const md = replayMarkdown(r, { base: "main", head: "pr" });
    expect(md).toContain("| silenced, inhibited or muted | 2 |");
    expect(md).toContain("opens or joins an incident → silenced");
    expect(md).toContain(`| added | db-maintenance | 2026-02-09 00:00Z to 2026-02-10 00:00Z | dana-example | \`{__service="database"}\` | ${DATABASE_ALERTS} | Pool resize |`);
  });

  it("regroups alerts under a different group_by, and counts incidents", () => {
    const t = (min: number) => new Date(Date.UTC(2026, 1, 20, 10, min)).toISOString();
    const alerts = [{ alertname: "ReplicationLag", service: "database", severity: "warning" }, { alertname: "DiskSpaceCritical", service: "database", severity: "critical" }].map((labels, k) => ({
      fingerprint: labelFingerprint(labels), source: "alertmanager", name: labels.alertname, status: "firing" as const, startsAt: t(k), endsAt: null, receivedAt: t(k + 1), labels, annotations: {}, generatorURL: null,
    }));
    const records = replayRecords().slice(0, 1).map((r) => ({ ...r, id: "2026-02-20-001", alerts, timestamps: { ...r.timestamps, resolved: null } }));
    const head = withFiles({}, (files) => {
      files["policies/correlation.yaml"] = (files["policies/correlation.yaml"] ?? "").replace("group_by: [__service, __component, __error_type]", "group_by: [__service]");
    });
    const r = run(head, records);
    expect(r.incidents).toEqual({ base: 2, head: 1 });
    expect(r.counts.grouping).toBe(2);
    const second = r.differences.find((d) => d.alert.alert.labels["alertname"] === "DiskSpaceCritical");
    expect(second?.groupedWith).toEqual({ base: [], head: [`${alerts[0]?.fingerprint}\u0000${alerts[0]?.startsAt}`] });
    // Joining the ReplicationLag incident, the P1 raises it and pages its people instead of opening its own.
    expect(second?.head.incidentSeverity).toBe("P1");
  });

  it("replays only the most recent alerts, up to the limit", () => {
    const r = run(base, replayRecords(), { limit: 2 });
    expect([r.replayed, r.notReplayed, r.from]).toEqual([2, ALL_ALERTS - 2, "2026-02-23T16:01:00.000Z"]);
  });

  it("compares on-call ahead per rotation and reports rotation changes that rewrite started shifts", () => {
    const head = withFiles({}, (files) => {
      files["policies/oncall/rotations.yaml"] = (files["policies/oncall/rotations.yaml"] ?? "").replace("members: [dana-example, alice-example]", "members: [alice-example, dana-example]");
    });
    const r = run(head);
    expect(new Set(r.oncall.differences.map((d) => d.rotation))).toEqual(new Set(["database-oncall"]));
    expect(r.oncall.differences[0]).toMatchObject({ start: NOW, base: { primary: "dana-example" }, head: { primary: "alice-example" } });
    expect(r.rewrites.map((w) => w.rotation)).toEqual(["database-oncall"]);
    expect(replayMarkdown(r, { base: "main", head: "pr", rotations: head.rotations })).toContain("#### Rotation changes refused");
  });
});
