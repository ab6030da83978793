// The clearly marked test notifications `incident notify test` sends through one channel: a
// made-up incident record (no real incident is touched) rendered through the same templates and
// senders as a real one. PagerDuty gets a trigger and then a resolve with the same dedup_key, so
// the test page does not stay open. Pure: the time and the audience are arguments.
import type { Channel, Policies, Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { buildNotification, type Notification } from "./notification.js";

export interface TestMessageOptions {
  now: string; // ISO
  severity: Severity;
  audience: readonly string[];
  repositoryUrl: string | null;
}

/** A record that is plainly a test: id "test-<UTC time>", no issue, nothing to act on. */
export function testRecord(now: string, severity: Severity): IncidentRecord {
  return {
    schema: 1,
    id: `test-${now.replace(/[^0-9]/g, "").slice(0, 14)}`,
    title: "Test notification: no action needed",
    severity,
    status: "triggered",
    groupKey: "test",
    service: "test",
    component: "",
    errorType: "",
    type: null,
    commander: null,
    responders: [],
    team: null,
    rotation: null,
    escalationPolicy: null,
    alerts: [],
    timestamps: { started: now, detected: now, acknowledged: null, mitigated: null, resolved: null, closed: null },
    impact: { users: null, revenue: null, sla: null, summary: "None: this is a test" },
    rootCause: { category: null, text: null },
    actionItems: [],
    links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: null },
    escalation: { stepsFired: 0, lastEscalatedAt: null },
    timeline: [],
  };
}

/** The test notifications for `channel`, in sending order. */
export function testNotifications(channel: Channel, policies: Policies, opts: TestMessageOptions): Notification[] {
  const record = testRecord(opts.now, opts.severity);
  const base = { channel: channel.id, audience: opts.audience, policies, now: opts.now, repositoryUrl: opts.repositoryUrl, test: true };
  const open = buildNotification({ ...base, record, event: "open" });
  if (channel.type !== "pagerduty") return [open];
  const resolved: IncidentRecord = { ...record, status: "resolved", timestamps: { ...record.timestamps, resolved: opts.now } };
  return [open, { ...buildNotification({ ...base, record: resolved, event: "resolve" }), idempotencyKey: `${open.idempotencyKey}:resolve` }];
}
