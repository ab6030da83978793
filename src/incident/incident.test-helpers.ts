// Test helpers for src/incident: a P0 incident record against the shipped policies, fixed on-call
// answers (test/engine/fixtures.ts) and fixed times.
import { shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";
import type { CommentInput } from "./doors/comment.js";
import { expect } from "vitest";
import { channelHears, type LifecycleEvent } from "../notify/notification.js";
import type { IncidentRecord } from "./record.js";
import { buildAlert, buildRecord } from "./testing.js";

export const policies = shippedPolicies();
export const onCall = testOnCall(policies);

/** Detection time of the fixture incident; a Tuesday, not a holiday. */
export const T0 = "2026-12-01T17:00:00Z";

export function at(offset: string): string {
  const m = /^\+?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(offset);
  if (!m) throw new Error(`bad offset ${offset}`);
  const ms = ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
  return new Date(Date.parse(T0) + ms).toISOString().replace(".000Z", "Z");
}

/** An unacknowledged P0 of the api service, with issue #42 (the one test builder, overridden). */
export function record(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return buildRecord({
    id: "2026-12-01-001",
    title: "API high error rate",
    severity: "P0",
    groupKey: "api:gateway:5xx",
    component: "gateway",
    commander: "frank-example",
    responders: ["alice-example"],
    team: "backend",
    rotation: "api-oncall",
    escalationPolicy: "p0-critical",
    alerts: [buildAlert("f1", { startsAt: T0, receivedAt: T0, labels: { alertname: "HighErrorRate", service: "api" }, annotations: { summary: "Error rate above 10%" } })],
    timestamps: { started: T0, detected: T0, acknowledged: null, mitigated: null, resolved: null, closed: null },
    links: { issue: 42, postmortemPr: null, postmortemPath: null, openedBy: null },
    timeline: [{ at: T0, actor: "incident-as-code", kind: "opened", text: "Opened P0 incident from HighErrorRate" }],
    // The timer armed for its first deadline (acknowledgement, +5m), as the run that opened it left it.
    timer: { at: at("+5m"), armed: true },
    ...over,
  });
}

/** An acknowledged, investigating P0. */
export function investigating(over: Partial<IncidentRecord> = {}): IncidentRecord {
  const base = record();
  return record({
    status: "investigating",
    timer: { at: at("+30m"), armed: true },
    timestamps: { ...base.timestamps, acknowledged: at("+2m") },
    timeline: [...base.timeline, { at: at("+2m"), actor: "frank-example", kind: "status", text: "triggered → acknowledged" }, { at: at("+3m"), actor: "frank-example", kind: "status", text: "acknowledged → investigating" }],
    ...over,
  });
}

export const ISSUE_LABELS = ["incident", "severity:P0", "service:api", "team:backend", "customer-facing"];

export function comment(body: string, over: Partial<CommentInput> = {}): CommentInput {
  return {
    body,
    commentId: 1001,
    author: { login: "maria", type: "User" },
    role: "admin",
    record: investigating(),
    policies,
    onCall,
    now: at("+10m"),
    issue: { labels: ISSUE_LABELS },
    assignable: (login) => login !== "nobody",
    ...over,
  };
}

/** The channels of a P0 (routing.yaml by_severity.P0) that act on `event`, in order. */
export function p0Channels(event: LifecycleEvent): string[] {
  return (policies.routing.bySeverity.P0?.channels ?? []).filter((c) => {
    const channel = policies.routing.channels[c];
    return channel !== undefined && channelHears(channel.type, event);
  });
}

/** One notify.send per P0 channel that acts on `event`, keyed by the event's timeline entry. */
export function p0Sends(id: string, event: LifecycleEvent, entry: number): unknown[] {
  return p0Channels(event).map((channel) => expect.objectContaining({ kind: "notify.send", key: `${id}:${event}#${entry}:${channel}`, event, channel }) as unknown);
}
