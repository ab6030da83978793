// The incident record: the source of truth for one incident, stored as incidents/<id>.yaml and
// committed to git (git history is the audit log). The issue body is a rendering of it.
import type { Severity } from "../config/types.js";
import type { LifecycleEvent } from "../notify/notification.js";

export const STATUSES = [
  "triggered",
  "acknowledged",
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem-draft",
  "postmortem-review",
  "postmortem-published",
  "closed",
] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** One alert as the record keeps it: enough to dedupe, show and re-correlate; never the raw payload. */
export interface RecordedAlert {
  fingerprint: string;
  source: string; // alertmanager | grafana | alert | manual
  name: string; // alertname
  status: "firing" | "resolved";
  startsAt: string; // ISO
  endsAt: string | null;
  receivedAt: string; // when we first saw this episode
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string | null;
}

export type TimelineKind =
  | "alert" // an alert joined, re-fired or resolved
  | "opened"
  | "status" // a status transition
  | "severity"
  | "assign"
  | "commander"
  | "escalation"
  | "update" // a status update posted
  | "note" // /timeline
  | "impact"
  | "rootcause"
  | "checklist"
  | "reminder"
  | "sla"
  | "postmortem"
  | "correction"; // a timestamp corrected after the fact, through a reviewed change to the record

/** Append-only. `actor` is a GitHub login, or "incident-as-code" for the Action itself. */
export interface TimelineEntry {
  at: string; // ISO
  actor: string;
  kind: TimelineKind;
  text: string;
}

export interface ActionItem {
  title: string;
  owner: string;
  due: string; // ISO date
  priority: "High" | "Medium" | "Low";
  source: string; // rule name, or "manual"
  issue: number | null; // tracking issue once published
}

export interface IncidentRecord {
  schema: 1;
  id: string; // "2026-11-27-001"
  title: string;
  severity: Severity;
  status: IncidentStatus;
  groupKey: string;
  service: string;
  component: string;
  errorType: string;
  type: string | null; // e.g. "security"
  commander: string | null;
  responders: string[];
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  alerts: RecordedAlert[];
  timestamps: {
    started: string; // earliest alert startsAt (or declaration time)
    detected: string; // when the incident was opened
    acknowledged: string | null;
    mitigated: string | null;
    resolved: string | null;
    closed: string | null;
  };
  impact: { users: string | null; revenue: string | null; sla: string | null; summary: string | null };
  rootCause: { category: string | null; text: string | null };
  actionItems: ActionItem[];
  /**
   * `openedBy`: the workflow run that claimed the incident; it alone creates the issue while the
   * claim is fresh. `claim`: a random key written into the issue's hidden marker; only an issue the
   * Action itself wrote with this key is this incident's issue (a guessed id never matches).
   */
  links: { issue: number | null; postmortemPr: number | null; postmortemPath: string | null; openedBy: string | null; claim?: string | null };
  escalation: { stepsFired: number; lastEscalatedAt: string | null };
  timeline: TimelineEntry[];
  /** Ticked checklist boxes of the issue body, by `checklistKey(checklistId, index)`; absent = none ticked. */
  checklist?: Record<string, boolean>;
  /** Notification channels (routing.yaml ids) decided when the incident opened: the severity's plus the route's. */
  channels?: string[];
  /** The deadline the last timer run was armed for, and whether the dispatch went out. */
  timer?: { at: string; armed: boolean };
  /** Every notification decided for this incident and what became of it. */
  notifications?: NotificationLog[];
}

/** One `notify.send`, by its idempotency key. `pending` until the run that decided it settles it. */
export interface NotificationLog {
  key: string;
  event: LifecycleEvent;
  channel: string;
  status: NotificationStatus;
  at: string; // ISO: when it was decided, then when it was last attempted
  attempts: number;
}

/**
 * `no-sender`: not sent — the channel's secret is not set (or its type has no adapter), so its
 * GitHub-native fallback stands. `failed`: worth trying again (5xx, 429, a timeout), which the
 * backstop does. `refused`: the receiver refused it for good (a 4xx, a malformed secret); not retried.
 */
export type NotificationStatus = "pending" | "sent" | "no-sender" | "failed" | "refused";
