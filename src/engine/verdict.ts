// What the engine decided about a set of alerts, as plain data: for each incident group, the steps
// to take (open, append alerts, reopen, raise, resolve, note, ignore), each saying why in `reason`.
// The alerts door carries the steps out through the incident operations, which turns them into the
// Plan; policy tests and `incident simulate` show them as the explanation of that Plan.
import type { Channel, Severity } from "../config/types.js";
import type { Alert } from "../alerts/types.js";

/** A notification channel to use, with what to do when its adapter (secret) is not configured. */
export interface ChannelTarget {
  channel: string; // channel id, e.g. "slack-incidents"
  type: Channel["type"];
  secret: string | null;
  fallback: Channel["fallback"];
}

/** People an audience resolved to at decision time. */
export interface Recipients {
  audience: string; // "on-call-primary"
  logins: string[];
  reason: string; // "primary of api-oncall at 2026-03-02T10:00:00.000Z"
}

export interface Notifications {
  channels: ChannelTarget[];
  recipients: Recipients[];
  /** Every login above, once, in order: who the issue should mention. */
  mentions: string[];
}

export type Pattern = "cascade" | "intermittent";

export interface OpenStep {
  kind: "incident.open";
  groupKey: string;
  title: string;
  severity: Severity;
  service: string | null;
  component: string | null;
  errorType: string | null;
  type: string | null; // incident type, e.g. "security"
  pattern: Pattern | null;
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  route: string; // route path, e.g. "root/api"
  labels: string[]; // issue labels
  assignees: string[];
  commander: string | null;
  checklists: string[]; // checklist ids
  playbooks: string[]; // suggested playbook ids
  notifications: Notifications;
  alerts: Alert[];
  /** For cascades: the open incidents whose services are part of it. */
  related: string[];
  reasons: string[]; // severity, route, commander, pattern: one sentence each
  reason: string;
}

export interface AppendStep {
  kind: "incident.append";
  incidentId: string;
  groupKey: string;
  alerts: Alert[]; // new episodes and status changes (firing → resolved)
  reason: string;
}

export interface ReopenStep {
  kind: "incident.reopen";
  incidentId: string;
  groupKey: string;
  reason: string;
}

export interface RaiseStep {
  kind: "incident.raise-severity";
  incidentId: string; // "" when the incident is opened by this same decision (then see groupKey)
  groupKey: string;
  from: Severity;
  to: Severity;
  notifications: Notifications; // the new severity's channels and audiences
  reason: string;
}

export interface ResolveStep {
  kind: "incident.resolve";
  incidentId: string;
  groupKey: string;
  reason: string;
}

/** Something worth telling responders that changes nothing (e.g. all alerts resolved, no auto-resolve). */
export interface NoteStep {
  kind: "incident.note";
  incidentId: string;
  groupKey: string;
  text: string;
  reason: string;
}

/**
 * silenced: an active silence (silences/*.yaml, or a maintenance window on the alert's service) covers it;
 * inhibited: an inhibit rule's source is firing; muted: every route the alert ends on is in a mute
 * time interval (or outside its active ones).
 */
export type IgnoreCode = "duplicate" | "resolved-without-incident" | "silenced" | "inhibited" | "muted";

/** Alerts that change nothing. They are still reported in the run's reason and summary (nothing is silently dropped). */
export interface IgnoreStep {
  kind: "alerts.ignore";
  code: IgnoreCode;
  groupKey: string;
  incidentId: string | null;
  alerts: Alert[];
  reason: string;
}

export type AlertStep =
  | OpenStep
  | AppendStep
  | ReopenStep
  | RaiseStep
  | ResolveStep
  | NoteStep
  | IgnoreStep;

export type AlertStepKind = AlertStep["kind"];

/** How one alert was classified and routed: the explanation behind the steps. */
export interface AlertDecision {
  fingerprint: string;
  startsAt: string;
  status: Alert["status"];
  groupKey: string;
  severity: Severity;
  service: string | null;
  route: string;
  team: string | null;
  rotation: string | null;
  rules: string[]; // classification rules that matched
}

export interface AlertVerdict {
  now: string; // ISO time the decision was made for
  steps: AlertStep[];
  decisions: AlertDecision[];
}
