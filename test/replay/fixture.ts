// A month of incident history and the policy change the replay is shown on: the `database` route
// moves from team data (database-oncall) to team sre, on a new sre-oncall rotation.
import type { IncidentRecord, RecordedAlert } from "../../src/incident/record.js";
import { labelFingerprint } from "../../src/alerts/fields.js";

interface Seed {
  day: number; // February 2026
  hour: number;
  alerts: Record<string, string>[];
  service: string;
  groupKey: string;
  team: string;
  rotation: string;
  resolvedAfterMin?: number; // default 45
}

const SEEDS: Seed[] = [
  { day: 2, hour: 9, service: "database", groupKey: "database::ReplicationLag", team: "data", rotation: "database-oncall", alerts: [{ alertname: "ReplicationLag", service: "database", severity: "warning" }] },
  { day: 4, hour: 14, service: "api", groupKey: "api::error_rate", team: "backend", rotation: "api-oncall", alerts: [{ alertname: "HighErrorRate", service: "api", severity: "critical" }] },
  { day: 9, hour: 3, service: "database", groupKey: "database:connection_pool:pool_exhausted", team: "data", rotation: "database-oncall", alerts: [{ alertname: "DatabaseConnectionPoolExhausted", service: "database", severity: "critical", instance: "db-1" }, { alertname: "DatabaseConnectionPoolExhausted", service: "database", severity: "critical", instance: "db-2" }] },
  { day: 12, hour: 11, service: "web", groupKey: "web::HighLatency", team: "frontend", rotation: "web-oncall", alerts: [{ alertname: "HighLatency", service: "web", severity: "warning" }] },
  { day: 17, hour: 22, service: "database", groupKey: "database::ReplicationLag", team: "data", rotation: "database-oncall", alerts: [{ alertname: "ReplicationLag", service: "database", severity: "warning", instance: "db-2" }] },
  { day: 23, hour: 16, service: "api", groupKey: "api::error_rate", team: "backend", rotation: "api-oncall", alerts: [{ alertname: "HighErrorRate", service: "api", severity: "critical", path: "/v1/orders" }] },
  { day: 26, hour: 8, service: "database", groupKey: "database::DiskSpaceCritical", team: "data", rotation: "database-oncall", alerts: [{ alertname: "DiskSpaceCritical", service: "database", severity: "critical", note: "<!-- incident-as-code:policy-replay {} --> @everyone" }] },
];

const iso = (ms: number): string => new Date(ms).toISOString();

/** Seven resolved incidents in February 2026, four of them on the database, with their alerts. */
export function replayRecords(): IncidentRecord[] {
  return SEEDS.map((s, n): IncidentRecord => {
    const start = Date.UTC(2026, 1, s.day, s.hour, 0);
    const received = start + 60_000;
    const resolved = received + (s.resolvedAfterMin ?? 45) * 60_000;
    const alerts = s.alerts.map((labels, k): RecordedAlert => ({
      fingerprint: labelFingerprint(labels),
      source: "alertmanager",
      name: labels["alertname"] ?? "",
      status: "resolved",
      startsAt: iso(start + k * 1000),
      endsAt: iso(resolved - 60_000),
      receivedAt: iso(received + k * 1000),
      labels,
      annotations: { summary: `${labels["alertname"] ?? ""} on ${s.service}` },
      generatorURL: null,
    }));
    const id = `2026-02-${String(s.day).padStart(2, "0")}-001`;
    return {
      schema: 1,
      id,
      title: `${s.service}: ${s.alerts[0]?.["alertname"] ?? ""}`,
      severity: "P2",
      status: "resolved",
      groupKey: s.groupKey,
      service: s.service,
      component: "",
      errorType: "",
      type: null,
      commander: "alice-example",
      responders: [],
      team: s.team,
      rotation: s.rotation,
      escalationPolicy: null,
      alerts,
      timestamps: { started: iso(start), detected: iso(received), acknowledged: iso(received + 120_000), mitigated: null, resolved: iso(resolved), closed: null },
      impact: { users: null, revenue: null, sla: null, summary: null },
      rootCause: { category: null, text: null },
      actionItems: [],
      links: { issue: 100 + n, postmortemPr: null, postmortemPath: null, openedBy: null },
      escalation: { stepsFired: 0, lastEscalatedAt: null },
      timeline: [{ at: iso(received), actor: "incident-as-code", kind: "opened", text: "opened" }],
    };
  });
}

/** The database alerts among them (each one's handling changes when the route moves). */
export const DATABASE_ALERTS = SEEDS.filter((s) => s.service === "database").reduce((n, s) => n + s.alerts.length, 0);
export const ALL_ALERTS = SEEDS.reduce((n, s) => n + s.alerts.length, 0);

/** Edits that move the database route to team sre on a new rotation, as a pull request would. */
export function moveDatabaseRoute(files: { routing: string; rotations: string }): { routing: string; rotations: string } {
  const route = "      matchers: '{__service=\"database\"}'\n      team: data\n      rotation: database-oncall\n";
  if (!files.routing.includes(route)) throw new Error("routing.yaml no longer has the database route this fixture edits");
  return {
    routing: files.routing.replace(route, "      matchers: '{__service=\"database\"}'\n      team: sre\n      rotation: sre-oncall\n"),
    rotations: `${files.rotations.trimEnd()}\n\n  sre-oncall:\n    name: SRE on-call\n    time_zone: Europe/Berlin\n    effective_from: "2026-01-05T09:00:00+01:00"\n    layers:\n      - name: weekly\n        members: [heidi-example, charlie-example]\n        shift: 1w\n        handoff: { day: monday, time: "09:00" }\n`,
  };
}
