// A fixture history for the site's tests: one open major outage (P0 on api), one degraded
// component (a P1 on web in monitoring), one resolved incident with a published post-mortem (P0
// on database, three days ago), one maintenance window in progress (auth), an open P2 that is not
// public, and an older partial outage. Every piece of text written during an incident carries
// INTERNAL, so a test can prove none of it reaches a public file.
import type { Policies } from "../../config/types.js";
import type { IncidentRecord, TimelineEntry } from "../../incident/record.js";
import { buildAlert, buildRecord } from "../../incident/testing.js";

export const NOW = "2026-03-10T12:00:00.000Z";
export const INTERNAL = "INTERNAL-ONLY-7f3a";
const MIN = 60_000;
const t = (minutesBefore: number): string => new Date(Date.parse(NOW) - minutesBefore * MIN).toISOString();

function entry(minutesBefore: number, kind: TimelineEntry["kind"], text: string, actor = "frank-example"): TimelineEntry {
  return { at: t(minutesBefore), actor, kind, text };
}

function record(id: string, over: Partial<IncidentRecord> & { service: string }): IncidentRecord {
  const base = buildRecord();
  return buildRecord({
    id,
    title: `${INTERNAL} ${over.service}-1.internal:9090 is down`,
    groupKey: `${over.service}:availability:down`,
    component: "availability",
    errorType: "down",
    commander: "frank-example",
    alerts: [buildAlert(`fp-${id}`, { labels: { service: over.service, instance: `${INTERNAL}.internal` }, annotations: { summary: `${INTERNAL} summary` } })],
    impact: { users: `${INTERNAL} users`, revenue: null, sla: null, summary: `${INTERNAL} impact` },
    rootCause: { category: null, text: `${INTERNAL} root cause` },
    links: { ...base.links, issue: Number(id.slice(-1)) },
    ...over,
  });
}

export function fixtureRecords(): IncidentRecord[] {
  return [
    record("2026-03-10-001", {
      service: "api",
      severity: "P0",
      status: "investigating",
      timestamps: { started: t(45), detected: t(43), acknowledged: t(40), mitigated: null, resolved: null, closed: null },
      timeline: [
        entry(43, "opened", `P0 opened: ${INTERNAL}`, "incident-as-code"),
        entry(40, "status", "triggered → acknowledged"),
        entry(40, "status", `acknowledged → investigating: ${INTERNAL}`),
        entry(20, "update", `${INTERNAL} failing over to the standby region`),
        entry(10, "note", `${INTERNAL} note`),
      ],
    }),
    record("2026-03-10-002", {
      service: "web",
      severity: "P1",
      status: "monitoring",
      timestamps: { started: t(180), detected: t(175), acknowledged: t(170), mitigated: t(30), resolved: null, closed: null },
      timeline: [
        entry(175, "opened", `P1 opened: ${INTERNAL}`, "incident-as-code"),
        entry(170, "status", "triggered → acknowledged"),
        entry(170, "status", "acknowledged → investigating"),
        entry(90, "status", `investigating → identified: ${INTERNAL}`),
        entry(30, "status", "identified → monitoring"),
      ],
    }),
    record("2026-03-07-001", {
      service: "database",
      severity: "P0",
      status: "postmortem-published",
      timestamps: { started: t(3 * 1440 + 60), detected: t(3 * 1440 + 58), acknowledged: t(3 * 1440 + 55), mitigated: t(3 * 1440 + 10), resolved: t(3 * 1440), closed: null },
      rootCause: { category: "deployment", text: `${INTERNAL} root cause` },
      links: { issue: 1, postmortemPr: 4, postmortemPath: "postmortems/2026-03-07-2026-03-07-001-database-down.md", openedBy: null },
      timeline: [
        entry(3 * 1440 + 58, "opened", `P0 opened: ${INTERNAL}`, "incident-as-code"),
        entry(3 * 1440 + 55, "status", "triggered → investigating"),
        entry(3 * 1440 + 30, "update", `${INTERNAL} restoring from the replica`),
        entry(3 * 1440, "status", `investigating → resolved: ${INTERNAL}`),
      ],
    }),
    record("2026-03-10-003", {
      service: "auth",
      severity: "P2",
      status: "triggered",
      timestamps: { started: t(15), detected: t(14), acknowledged: null, mitigated: null, resolved: null, closed: null },
      timeline: [entry(14, "opened", `P2 opened: ${INTERNAL}`, "incident-as-code")],
    }),
    record("2026-02-18-001", {
      service: "api",
      severity: "P1",
      status: "closed",
      timestamps: { started: t(20 * 1440 + 120), detected: t(20 * 1440 + 118), acknowledged: t(20 * 1440 + 110), mitigated: null, resolved: t(20 * 1440), closed: t(20 * 1440) },
      timeline: [entry(20 * 1440 + 118, "opened", `P1 opened: ${INTERNAL}`, "incident-as-code"), entry(20 * 1440, "status", "investigating → resolved")],
    }),
  ];
}

/** The published post-mortem of 2026-03-07-001, as postmortems/ holds it on the default branch. */
export function fixturePostmortems(): { path: string; text: string }[] {
  return [
    {
      path: "postmortems/2026-03-07-2026-03-07-001-database-down.md",
      text: [
        "---",
        "incident_id: 2026-03-07-001",
        `title: "${INTERNAL} database down"`,
        "severity: P0",
        "status: draft",
        "date: 2026-03-07",
        "duration_minutes: 60",
        "services: [database]",
        "root_cause_category: deployment",
        "tags: [p0, database]",
        "detection_method: alertmanager",
        "customer_impact_score: 4",
        "---",
        `# ${INTERNAL} Post-mortem`,
        "",
      ].join("\n"),
    },
  ];
}

/** The shipped policies with a maintenance window on auth that is in progress at NOW. */
export function withMaintenance(policies: Policies): Policies {
  return {
    ...policies,
    maintenance: [
      { id: "auth-upgrade", title: "Authentication upgrade", services: ["auth"], starts: t(30), ends: new Date(Date.parse(NOW) + 90 * MIN).toISOString(), description: "Sign-ins may be slower for a few minutes.", silenceAlerts: true, source: { file: "policies/maintenance.yaml", line: 1, column: 1 } },
      { id: "db-vacuum", title: "Database maintenance", services: ["database"], starts: new Date(Date.parse(NOW) + 3 * 1440 * MIN).toISOString(), ends: new Date(Date.parse(NOW) + (3 * 1440 + 60) * MIN).toISOString(), description: null, silenceAlerts: true, source: { file: "policies/maintenance.yaml", line: 1, column: 1 } },
    ],
  };
}
