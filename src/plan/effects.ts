// The Plan: everything one event makes the Action do, as plain data. The core builds it (pure: the
// same event, policies, records, facts and time give the same Plan), `incident simulate` prints it,
// and the shell executes it. Every effect belongs to exactly one port, and each port's executor is
// typed on its own slice of the union, so a pull-request effect cannot reach the issue executor.
//
// Order matters and is kept: record writes first (git is the lock and the audit log: a re-run finds
// what a crashed run recorded), then GitHub writes, then timers, notifications and follow-ups, then
// `record.settle` writes back what GitHub answered (issue and PR numbers, delivery outcomes).
import type { Channel } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import type { LifecycleEvent, Notification } from "../notify/notification.js";

/** The GitHub reactions the Action uses on comments. */
export type Reaction = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

// ---------------------------------------------------------------- records port: git, one commit
/**
 * Write an incident record at `path` (live `incidents/<id>.yaml` or archived
 * `incidents/archive/<yyyy-mm>/<id>.yaml`); the record's other path is removed, so a record is
 * never in two places.
 */
export interface RecordWrite {
  kind: "record.write";
  incidentId: string;
  path: string;
  record: IncidentRecord;
  reason: string;
}

/** Any other file on the records branch (the recurring-patterns file). */
export interface FileWrite {
  kind: "file.write";
  path: string;
  content: string;
  reason: string;
}

/**
 * After the effects before it: write back into the record what GitHub answered — the number of the
 * issue `issue.create` opened, the PR `pr.create` opened, which timers and notifications went out —
 * and refresh the issue if other runs changed the record meanwhile.
 */
export interface RecordSettle {
  kind: "record.settle";
  incidentId: string;
  reason: string;
}

export type RecordEffect = RecordWrite | FileWrite | RecordSettle;

// ---------------------------------------------------------------- issues port: GitHub issues API
/**
 * Open the incident issue in one request. `claim` is the record's random claim key, also in the
 * body's marker: before creating (and before any retry) the executor looks for an issue the
 * Action's own identity wrote with this key, so a create GitHub applied but answered with an error
 * is found instead of repeated, and nobody else's issue can pass for it.
 */
export interface IssueCreate {
  kind: "issue.create";
  incidentId: string;
  claim: string;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  reason: string;
}

/**
 * One PATCH with everything that changed. `labels` and `assignees` are the Action's own: labels
 * people added by hand, and people they assigned, stay on the issue (the executor merges with
 * `currentLabels`/`currentAssignees` when the event told us, else with the issue as it is now).
 */
export interface IssueUpdate {
  kind: "issue.update";
  incidentId: string;
  issue: number;
  title?: string;
  body?: string;
  labels?: string[];
  currentLabels?: string[];
  assignees?: string[];
  currentAssignees?: string[];
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "reopened";
  reason: string;
}

/** A comment, posted once: `key` (with the incident id) is in its hidden marker. */
export interface IssueComment {
  kind: "issue.comment";
  incidentId: string;
  issue: number;
  key: string;
  body: string;
  reason: string;
}

export interface CommentReact {
  kind: "comment.react";
  commentId: number;
  content: Reaction;
  reason: string;
}

/** An issue for one post-mortem action item, opened once (`key` is in its marker). */
export interface ActionItemCreate {
  kind: "action-item.create";
  incidentId: string;
  key: string;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  reason: string;
}

export type IssueEffect = IssueCreate | IssueUpdate | IssueComment | CommentReact | ActionItemCreate;

// ---------------------------------------------------------------- pulls port: PRs, branches, statuses
/** A branch from the records branch's tip plus `files`; an existing branch is reused as it is. */
export interface BranchCreate {
  kind: "branch.create";
  incidentId: string;
  branch: string;
  files: { path: string; content: string }[];
  reason: string;
}

/** A pull request from `branch` (reused when one is open). `teamReviewers` are slugs without the org. */
export interface PullCreate {
  kind: "pr.create";
  incidentId: string;
  branch: string;
  title: string;
  body: string;
  reviewers: string[];
  teamReviewers: string[];
  reason: string;
}

/** One comment per pull request and key, created or edited in place. */
export interface PullComment {
  kind: "pr.comment";
  pr: number;
  key: string;
  body: string;
  reason: string;
}

/** The pull request's whole label set. */
export interface PullLabels {
  kind: "pr.labels";
  pr: number;
  labels: string[];
  reason: string;
}

/** A commit status (description ≤ 140 characters, GitHub's limit) on `sha`, or, when `sha` is "", on the tip of `branch`. */
export interface StatusSet {
  kind: "status.set";
  sha: string;
  branch?: string;
  state: "pending" | "success" | "failure";
  context: string;
  description: string;
  reason: string;
}

/**
 * A completed check run on `headSha` (Checks API, `checks: write`): GitHub shows the latest run of
 * each name, so a re-run adds one rather than repeating a mistake. `summary` is at most 65,535
 * UTF-8 bytes (GitHub counts bytes, github/docs#35252).
 */
export interface CheckRun {
  kind: "check.run";
  name: string;
  headSha: string;
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  reason: string;
}

/**
 * Delete `deletions` (repository paths) on `branch`: on top of its tip when it exists (taking in
 * what `base` gained since), else on a new branch from the tip of `base`. Never forces; paths the
 * branch does not have are skipped.
 */
export interface BranchCommit {
  kind: "branch.commit";
  branch: string;
  base: string;
  deletions: string[];
  message: string;
  reason: string;
}

/** The open pull request from `branch` into `base` gets this title and body; one is opened when none is open. */
export interface PullUpsert {
  kind: "pr.upsert";
  branch: string;
  base: string;
  title: string;
  body: string;
  reason: string;
}

export type PullEffect = BranchCreate | PullCreate | PullComment | PullLabels | StatusSet | CheckRun | BranchCommit | PullUpsert;

// ---------------------------------------------------------------- runner port: workflow runs
/** A timer run: a `repository_dispatch` whose job sleeps until `at`, re-reads the record and acts. */
export interface TimerArm {
  kind: "timer.arm";
  incidentId: string;
  at: string;
  reason: string;
}

/** Any other run started with `repository_dispatch` (`event_type` ≤ 100 characters, payload ≤ 10 keys). */
export interface RunnerDispatch {
  kind: "runner.dispatch";
  incidentId: string;
  eventType: string;
  payload: Record<string, unknown>;
  key: string;
  reason: string;
}

/**
 * The post-mortem of a resolved incident: a follow-up the shell runs through the post-mortem door
 * (it needs the history of past incidents for recurring patterns, read only then).
 */
export interface PostmortemStart {
  kind: "postmortem.start";
  incidentId: string;
  force: boolean;
  reason: string;
}

export type RunnerEffect = TimerArm | RunnerDispatch | PostmortemStart;

// ---------------------------------------------------------------- notify port: paging and chat
/**
 * Tell a channel (routing.yaml `channels`) about a lifecycle event. `notification` is what is sent,
 * built in the core (src/notify/notification.ts) from the record and the repository's templates;
 * its idempotency key (`<incident>:<event>#<n>:<channel>`, n: the timeline entry of the event) is
 * `key`, sent to receivers that deduplicate (PagerDuty's dedup_key is the incident id) and kept in
 * the record with the outcome. `audience` are the logins the routing policy resolved for it. The
 * one thing the core cannot know is the web address of an issue this same Plan creates: the
 * executor fills `notification.links.issue` from `issue` (or the issue the Plan opened). A channel
 * whose secret is not set is not sent: its GitHub-native `fallback` stands, and the executor says so.
 */
export interface NotifySend {
  kind: "notify.send";
  key: string;
  incidentId: string;
  event: LifecycleEvent;
  channel: string;
  channelType: Channel["type"];
  secret: string | null;
  fallback: Channel["fallback"];
  audience: string[];
  notification: Notification;
  issue: number | null;
  reason: string;
}

export type NotifyEffect = NotifySend;

// ---------------------------------------------------------------- the union
export type Effect = RecordEffect | IssueEffect | PullEffect | RunnerEffect | NotifyEffect;
export type EffectKind = Effect["kind"];
export type Port = "records" | "issues" | "pulls" | "runner" | "notify";

const PORT_OF: Record<EffectKind, Port> = {
  "record.write": "records",
  "file.write": "records",
  "record.settle": "records",
  "issue.create": "issues",
  "issue.update": "issues",
  "issue.comment": "issues",
  "comment.react": "issues",
  "action-item.create": "issues",
  "branch.create": "pulls",
  "pr.create": "pulls",
  "pr.comment": "pulls",
  "pr.labels": "pulls",
  "status.set": "pulls",
  "check.run": "pulls",
  "branch.commit": "pulls",
  "pr.upsert": "pulls",
  "timer.arm": "runner",
  "runner.dispatch": "runner",
  "postmortem.start": "runner",
  "notify.send": "notify",
};

export function portOf(e: Effect): Port {
  return PORT_OF[e.kind];
}

export const isRecordEffect = (e: Effect): e is RecordEffect => PORT_OF[e.kind] === "records";
export const isIssueEffect = (e: Effect): e is IssueEffect => PORT_OF[e.kind] === "issues";
export const isPullEffect = (e: Effect): e is PullEffect => PORT_OF[e.kind] === "pulls";
export const isRunnerEffect = (e: Effect): e is RunnerEffect => PORT_OF[e.kind] === "runner";
export const isNotifyEffect = (e: Effect): e is NotifyEffect => PORT_OF[e.kind] === "notify";
