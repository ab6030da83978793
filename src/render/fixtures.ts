// Test fixtures for src/render: a hand-built Policies with only the fields rendering reads (cast),
// and an incident record. Template sources are passed in (tests read policies/templates/ from disk).
import type { Checklist, Playbook, Policies, Severity, SeverityLevel } from "../config/types.js";
import type { IncidentRecord, RecordedAlert } from "../incident/record.js";
import { buildAlert, buildRecord } from "../incident/testing.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

function level(id: Severity, name: string, responseTime: number, resolutionTarget: number): SeverityLevel {
  return { id, name, description: "", responseTime, resolutionTarget, escalation: { kind: "immediate" }, updateEvery: null, team: [], postmortemRequired: id === "P0" || id === "P1", statusPage: false, examples: [] };
}

const checklists: Checklist[] = [
  {
    id: "immediate",
    title: "Immediate Actions",
    when: "0-5 minutes",
    severities: ["P0", "P1", "P2", "P3"],
    items: [
      { text: "Acknowledge the incident (`/ack`)", severities: ["P0", "P1", "P2", "P3"], doneWhen: ["acknowledged"] },
      { text: "Assess severity and update if needed (`/sev`)", severities: ["P0", "P1", "P2", "P3"], doneWhen: ["severity"] },
    ],
  },
  {
    id: "communication",
    title: "Communication Setup",
    when: "0-15 minutes",
    severities: ["P0", "P1", "P2"],
    items: [
      { text: "Create incident status page", severities: ["P0", "P1", "P2"], doneWhen: [] },
      { text: "Send initial customer communication", severities: ["P0", "P1"], doneWhen: [] },
    ],
  },
];

const playbooks: Record<string, Playbook> = {
  api_high_error_rate: {
    id: "api_high_error_rate",
    title: "API high error rate",
    trigger: "error_rate > 10%",
    matcherSets: [[{ label: "alertname", op: "=", value: "HighErrorRate" }]],
    actions: [],
    runbooks: ["traffic-management"],
    source: { file: "policies/playbooks.yaml", line: 1, column: 1 },
  },
};

export function fixturePolicies(templateSources: Record<string, string>): Policies {
  const policies = {
    root: "policies",
    severities: {
      P0: level("P0", "Critical", 5 * MIN, HOUR),
      P1: level("P1", "High", 15 * MIN, 4 * HOUR),
      P2: level("P2", "Medium", HOUR, 24 * HOUR),
      P3: level("P3", "Low", 4 * HOUR, 72 * HOUR),
    },
    services: { api: { id: "api", name: "API", owners: [], team: "platform", rotation: "primary", dependencies: [], statusPageComponent: "API Endpoints", expertise: [] } },
    checklists,
    playbooks,
    runbooks: { "traffic-management": { id: "traffic-management", path: "policies/runbooks/traffic-management.md", title: "Traffic management" } },
    escalation: { policies: {}, bySeverity: {}, calendar: { timeZone: "America/Los_Angeles", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", holidays: [] } },
    templates: Object.fromEntries(Object.keys(templateSources).map((id) => [id, { id, path: `policies/templates/${id}.njk` }])),
    templateSources,
    communication: {
      templates: {
        initial_alert: { P0: { internal: "initial-internal-p0", external: "initial-external-p0" }, "*": { internal: "initial-internal" } },
        update: { "*": { internal: "update" } },
        resolution: { "*": { internal: "resolution" } },
        issue_body: { "*": { issue: "issue-body" } },
      },
      statusPage: { enabled: false, url: "https://status.example.com", triggers: [], components: { api: "API Endpoints" } },
    },
    postmortem: { timeZone: "America/Los_Angeles" },
  };
  return policies as unknown as Policies;
}

export function fixtureAlert(over: Partial<RecordedAlert> = {}): RecordedAlert {
  return buildAlert("f1", {
    startsAt: "2026-11-27T17:00:00Z",
    receivedAt: "2026-11-27T17:01:00Z",
    labels: { alertname: "HighErrorRate", service: "api", severity: "critical" },
    annotations: { summary: "Error rate above 10% on api", description: "5xx ratio is 12%" },
    generatorURL: "https://prometheus.example.com/graph?g0.expr=rate(http_errors_total[5m])",
    ...over,
  });
}

/** The record the rendering snapshots show: an investigating P1 (the one test builder, overridden). */
export function fixtureRecord(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return buildRecord({
    title: "API high error rate",
    status: "investigating",
    groupKey: "api:gateway:5xx",
    component: "gateway",
    responders: ["bob"],
    rotation: "primary",
    alerts: [fixtureAlert()],
    timestamps: { started: "2026-11-27T17:00:00Z", detected: "2026-11-27T17:01:00Z", acknowledged: "2026-11-27T17:04:00Z", mitigated: null, resolved: null, closed: null },
    impact: { users: "about 10% of API clients", revenue: null, sla: null, summary: null },
    links: { issue: 42, postmortemPr: null, postmortemPath: null, openedBy: null },
    timeline: [
      { at: "2026-11-27T17:01:00Z", actor: "incident-as-code", kind: "opened", text: "Opened P1 incident from HighErrorRate" },
      { at: "2026-11-27T17:04:00Z", actor: "alice", kind: "status", text: "triggered → acknowledged" },
    ],
    ...over,
  });
}
