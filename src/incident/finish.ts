// Where every door ends: a finished draft becomes the Plan's effects. The record is written first
// (git is the lock and the audit log), then the issue is made to match the record (one request:
// title, body, labels, assignees and state together — GitHub paces writes by seconds and a
// responder waits on each), then the comments, the notifications, the timer for the next deadline
// and the post-mortem, and last `record.settle`, which writes back what GitHub answered.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { Effect, IssueUpdate, RecordWrite } from "../plan/effects.js";
import { nextDeadline, withinHorizon } from "./deadlines.js";
import type { Draft } from "./draft.js";
import { incidentTitle } from "../render/index.js";
import { issueAssignees, issueBody, issueOpenState, issueState } from "./issue-state.js";
import { mergeLabels, recordLabels, sameLabels } from "./labels.js";
import { noticeEffects } from "./notices.js";
import { pathFor } from "./paths.js";
import type { IncidentRecord } from "./record.js";

/** What the event told us about the issue as it is now (webhook payloads carry it). */
export interface IssueFacts {
  labels?: readonly string[];
  assignees?: readonly string[];
  state?: "open" | "closed";
}

export interface FinishContext {
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
  issue?: IssueFacts;
}

export interface Finished {
  /** The record as written, or null when it did not change. */
  record: IncidentRecord | null;
  effects: Effect[];
}

/** `before`: the record as read (null for an incident this draft opens). */
export function finish(before: IncidentRecord | null, draft: Draft, ctx: FinishContext): Finished {
  const changed = before === null || JSON.stringify(before) !== JSON.stringify(draft.record);
  if (!changed) {
    // Comments only (/help, /runbook): nothing to record.
    const issue = draft.record.links.issue;
    return { record: null, effects: issue === null ? [] : draft.comments.map((c) => ({ kind: "issue.comment", incidentId: draft.record.id, issue, key: c.key, body: c.body, reason: c.reason })) };
  }
  const { policies, now } = ctx;
  let after = draft.record;
  const notified = noticeEffects(after, draft.notices, ctx);
  if (notified.log.length > 0) after = { ...after, notifications: [...(after.notifications ?? []), ...notified.log] };
  // A timer is armed when the next deadline moved and is within the timer horizon; a farther one is
  // recorded unarmed and armed by the backstop in the hour before it (as is one whose dispatch failed).
  const deadline = nextDeadline(after, policies);
  const moved = deadline !== null && deadline !== (before?.timer?.at ?? null);
  if (moved) after = { ...after, timer: { at: deadline, armed: false } };
  const arm = deadline !== null && moved && withinHorizon(deadline, Date.parse(now));

  const id = after.id;
  // An incident whose claiming run has not created its issue yet: the timeline keeps what happened,
  // and the issue, once created, is rendered from it; the comments themselves are not posted.
  const unposted = before !== null && after.links.issue === null && draft.comments.length > 0 ? [`${draft.comments.length} comment(s) not posted: the issue of ${id} is not created yet`] : [];
  const effects: Effect[] = [finishedWrite(after, now, policies, [...draft.reasons, ...unposted].join("; ") || `record ${id}`)];
  const issue = after.links.issue;
  if (before === null && issue === null) {
    const state = issueState(after, policies, now, draft.paging);
    effects.push({ kind: "issue.create", incidentId: id, claim: after.links.claim ?? "", title: state.title, body: state.body, labels: state.labels, assignees: state.assignees, reason: `open the issue for ${id} (${after.severity} ${after.service || "unknown service"})` });
  } else if (issue !== null) {
    const update = issueUpdate(before, after, issue, draft, ctx);
    if (update) effects.push(update);
    for (const c of draft.comments) effects.push({ kind: "issue.comment", incidentId: id, issue, key: c.key, body: c.body, reason: c.reason });
  }
  effects.push(...notified.effects);
  if (arm) effects.push({ kind: "timer.arm", incidentId: id, at: deadline, reason: `next deadline of ${id}` });
  const pm = postmortemStart(before, after, policies);
  if (pm) effects.push(pm);
  if (effects.some((e) => e.kind === "issue.create" || e.kind === "timer.arm" || e.kind === "notify.send")) {
    effects.push({ kind: "record.settle", incidentId: id, reason: `record what GitHub answered for ${id}` });
  }
  return { record: after, effects };
}

/** The write of a changed record, live or archived (paths.ts) as its state says at `now`. */
export function finishedWrite(record: IncidentRecord, now: string, policies: Policies, reason: string): RecordWrite {
  const owed = policies.postmortem.requiredFor.includes(record.severity) && record.status === "resolved";
  return { kind: "record.write", incidentId: record.id, path: pathFor(record, Date.parse(now), owed), record, reason };
}

/** One PATCH with what differs; null when the issue already shows the record. */
function issueUpdate(before: IncidentRecord | null, after: IncidentRecord, issue: number, draft: Draft, ctx: FinishContext): IssueUpdate | null {
  const { policies, now } = ctx;
  const known = ctx.issue ?? {};
  const patch: IssueUpdate = { kind: "issue.update", incidentId: after.id, issue, reason: draft.reasons.join("; ") || "the issue follows the record" };
  // An issue adopted from a declaration gets everything; one we wrote gets what changed.
  const title = incidentTitle(after);
  if (before === null || title !== incidentTitle(before)) patch.title = title;
  patch.body = issueBody(after, policies, now, before === null ? draft.paging : []);
  const labels = recordLabels(after);
  const labelsDrift = known.labels !== undefined && !sameLabels(mergeLabels(known.labels, labels), known.labels);
  if (before === null || !sameLabels(labels, recordLabels(before)) || labelsDrift) {
    patch.labels = labels;
    if (known.labels) patch.currentLabels = [...known.labels];
  }
  const people = issueAssignees(after);
  if (before === null || people.join() !== issueAssignees(before).join()) {
    patch.assignees = people;
    if (known.assignees) patch.currentAssignees = [...known.assignees];
  }
  const state = issueOpenState(after, policies);
  if ((before === null || state !== issueOpenState(before, policies)) && state !== known.state && !(before === null && state === "open")) {
    patch.state = state;
    patch.stateReason = state === "closed" ? "completed" : "reopened";
  }
  return patch;
}

/** Resolving an incident that needs a post-mortem starts it; so does `/postmortem` (forced). */
function postmortemStart(before: IncidentRecord | null, after: IncidentRecord, policies: Policies): Effect | null {
  if (before?.status === after.status) return null;
  if (after.status === "resolved" && policies.postmortem.requiredFor.includes(after.severity)) {
    return { kind: "postmortem.start", incidentId: after.id, force: false, reason: `${after.severity} incidents need a post-mortem` };
  }
  if (after.status === "postmortem-draft" && after.links.postmortemPath === null) {
    return { kind: "postmortem.start", incidentId: after.id, force: true, reason: "post-mortem requested" };
  }
  return null;
}
