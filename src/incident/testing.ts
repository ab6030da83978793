// The one builder of incident records (and their alerts) for tests: a complete, schema-valid
// record; a test overrides what it is about. Scenario helpers elsewhere (a P0 against the shipped
// policies, the record the rendering snapshots use) are overrides of this one builder.
import type { IncidentRecord, RecordedAlert } from "./record.js";

export function buildAlert(fingerprint: string, overrides: Partial<RecordedAlert> = {}): RecordedAlert {
  return {
    fingerprint,
    source: "alertmanager",
    name: "HighErrorRate",
    status: "firing",
    startsAt: "2026-11-27T10:00:00Z",
    endsAt: null,
    receivedAt: "2026-11-27T10:00:05Z",
    labels: { service: "api", severity: "critical" },
    annotations: { summary: "error rate above 5%" },
    generatorURL: null,
    ...overrides,
  };
}

export function buildRecord(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    schema: 1,
    id: "2026-11-27-001",
    title: "api: HighErrorRate",
    severity: "P1",
    status: "triggered",
    groupKey: "api:http:5xx",
    service: "api",
    component: "http",
    errorType: "5xx",
    type: null,
    commander: "alice",
    responders: ["alice"],
    team: "platform",
    rotation: "platform-primary",
    escalationPolicy: "default",
    alerts: [buildAlert("fp-1")],
    timestamps: {
      started: "2026-11-27T10:00:00Z",
      detected: "2026-11-27T10:00:05Z",
      acknowledged: null,
      mitigated: null,
      resolved: null,
      closed: null,
    },
    impact: { users: null, revenue: null, sla: null, summary: null },
    rootCause: { category: null, text: null },
    actionItems: [],
    links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: null },
    escalation: { stepsFired: 0, lastEscalatedAt: null },
    timeline: [{ at: "2026-11-27T10:00:05Z", actor: "incident-as-code", kind: "opened", text: "opened from HighErrorRate" }],
    ...overrides,
  };
}
