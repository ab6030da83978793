// A change to an incident in progress: the record as changed so far, and what the change means to
// say — comments to post, lifecycle events to notify, people to page once. Every door builds one
// through the operations (operations.ts) and hands it to `finish`, which turns it into the Plan.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { LifecycleEvent, NotificationInput } from "../notify/notification.js";
import type { IncidentRecord, TimelineEntry } from "./record.js";
import { landingTime } from "./status.js";

export interface PendingComment {
  key: string; // unique per incident: the comment's idempotency key
  body: string; // trusted markdown (untrusted parts already escaped)
  reason: string;
}

/** What a notification says beyond the record: the update's text, the severity raised from, the escalation step, who acted. */
export type NoticeDetail = Pick<NotificationInput, "update" | "previousSeverity" | "escalationStep" | "actor">;

/** A lifecycle event to notify the incident's channels about. */
export interface Notice {
  event: LifecycleEvent;
  /** The timeline entry the event is (its index): makes the notification's key unique. */
  entry: number;
  /** Logins to reach besides the severity's audiences (e.g. the people an escalation step pages). */
  audience: string[];
  detail: NoticeDetail;
}

export interface Draft {
  record: IncidentRecord;
  comments: PendingComment[];
  notices: Notice[];
  reasons: string[];
  /** Logins @-mentioned once, in the body of the issue when it is opened. */
  paging: string[];
}

export type StepResult = { draft: Draft } | { reply: string };

/** Who acts, when, and under which policies. `actor` is a login, or BOT_ACTOR for the Action itself. */
export interface OpContext {
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
  actor: string;
}

export function draftOf(record: IncidentRecord): Draft {
  return { record, comments: [], notices: [], reasons: [], paging: [] };
}

/** `record` with `entry` appended, never before the entries already there (status.ts `landingTime`). */
export function withEntry(record: IncidentRecord, entry: TimelineEntry): IncidentRecord {
  return { ...record, timeline: [...record.timeline, { ...entry, at: landingTime(record, entry.at) }] };
}

export function addComment(draft: Draft, comment: PendingComment): Draft {
  return { ...draft, comments: [...draft.comments, comment] };
}

/** A notice for the event the record's last timeline entry describes. */
export function addNotice(draft: Draft, event: LifecycleEvent, detail: NoticeDetail = {}, audience: readonly string[] = []): Draft {
  return { ...draft, notices: [...draft.notices, { event, entry: draft.record.timeline.length - 1, audience: [...audience], detail }] };
}

export function because(draft: Draft, reason: string): Draft {
  return { ...draft, reasons: [...draft.reasons, reason] };
}
