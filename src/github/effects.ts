// What a handler asks GitHub to do, as plain data. Pure handlers return these (with the records
// they changed); the executor applies them in order. Each carries `reason`, shown in the job
// summary, and is idempotent on its own or made so by the executor (markers, existence checks).

import type { IssuePatch, ReactionContent } from "./port.js";

export type Reaction = ReactionContent;

export type GitHubEffect =
  /** Open the incident issue: title, body, labels and assignees in one request. */
  | { kind: "issue.create"; incidentId: string; title: string; body: string; labels: string[]; assignees: string[]; reason: string }
  /** One PATCH: everything that changed on the issue at once (labels and body together). */
  | ({ kind: "issue.update"; incidentId: string; issue: number; reason: string } & IssuePatch)
  /** A comment; `key` (with the incident id) makes it idempotent: a marker the executor looks for first. */
  | { kind: "issue.comment"; incidentId: string; issue: number; body: string; key: string; reason: string }
  | { kind: "comment.react"; commentId: number; content: Reaction; reason: string }
  /** Wake a timer run at `at` (a repository_dispatch whose job sleeps until then and re-checks). */
  | { kind: "timer.arm"; incidentId: string; at: string; reason: string }
  /** A commit status on a pull request head (the post-mortem review gate). */
  | { kind: "status.set"; sha: string; state: "pending" | "success" | "failure"; context: string; description: string; reason: string }
  /**
   * Open a pull request for a branch the executor has pushed (post-mortems). `reviewers` are user
   * logins; `teamReviewers` are team slugs without the org (the API's `team_reviewers`).
   */
  | { kind: "pr.create"; incidentId: string; branch: string; title: string; body: string; reviewers: string[]; teamReviewers?: string[]; files: { path: string; content: string }[]; reason: string }
  /** One comment per pull request with this key, created or edited in place (never repeated). */
  | { kind: "pr.comment.upsert"; pr: number; key: string; body: string; reason: string }
  | { kind: "issue.create-action-item"; incidentId: string; key: string; title: string; body: string; labels: string[]; assignees: string[]; reason: string };

export type GitHubEffectKind = GitHubEffect["kind"];
