// The policy-review door: a pull request that changes policies/ (or incidents/) → its Plan. The
// replay of recent alerts through the base's and the pull request's policies, and who is on call
// ahead under each (src/review/pull-request.ts), become one comment on the pull request, edited in
// place on every push, and a check run on its head commit. What the review refuses — a rotation
// change that rewrites a started shift, a record timestamp moved without a correction entry —
// also comes back as policy errors with file and line, so the validate step fails and annotates
// them. Pure: the shell reads both sides from git and executes the Plan with the pulls executor.
import type { PolicyIssue } from "../../config/kinds.js";
import { rewriteMessage } from "../../oncall/changes.js";
import type { Plan } from "../../plan/plan.js";
import { reviewPullRequest, type PolicyReview, type PolicyReviewInput, type PullRequestRef } from "../../review/pull-request.js";
import type { EventPayload } from "./webhook.js";

/** The pull_request actions that change what the review says (a push, a new or reopened pull request). */
const REVIEWED_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"];

/** A pull request to review, as its event names it. */
export interface ReviewedPull {
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

/** The pull request a `pull_request` event asks to review; null for other actions (closed, labeled …) or a payload without one. */
export function reviewedPull(p: EventPayload): ReviewedPull | null {
  const pr = p.pull_request as { number?: number; head?: { ref?: string; sha?: string }; base?: { ref?: string; sha?: string } } | undefined;
  if (!pr?.number || !pr.head?.sha || !REVIEWED_ACTIONS.includes(p.action ?? "")) return null;
  return { number: pr.number, head: { ref: pr.head.ref ?? "head", sha: pr.head.sha }, base: { ref: pr.base?.ref ?? "base", sha: pr.base?.sha ?? "" } };
}

/** The reference the comment and the check run name: the pull request, and the base commit the shell resolved. */
export function pullRequestRef(pull: ReviewedPull, baseSha: string): PullRequestRef {
  return { number: pull.number, baseRef: pull.base.ref, baseSha, headRef: pull.head.ref, headSha: pull.head.sha };
}

export interface PolicyReviewDoorInput extends PolicyReviewInput {
  /** The policies directory, relative to the repository (where refusals without a position point). */
  policiesDir: string;
}

export interface PolicyReviewPlan {
  /** `pr.comment` then `check.run`; the decision is `policies-valid` exactly when the check passes. */
  plan: Plan;
  /** The review's refusals as errors, for the validate step's annotations. */
  refusals: PolicyIssue[];
}

export function policyReviewDoor(input: PolicyReviewDoorInput): PolicyReviewPlan {
  const review = reviewPullRequest(input);
  const passed = review.check.conclusion === "success";
  return {
    plan: {
      door: "policy-review",
      now: new Date(input.now).toISOString(),
      decision: passed ? "policies-valid" : "policies-invalid",
      reason: `#${input.pr.number}: ${review.check.title}`,
      incidentIds: [],
      effects: [review.comment, review.check],
    },
    refusals: refusalIssues(review, input),
  };
}

function refusalIssues(review: PolicyReview, input: PolicyReviewDoorInput): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const rotations = input.head.policies?.rotations ?? {};
  for (const r of review.report?.rewrites ?? []) {
    const rotation = rotations[r.rotation];
    const where = rotation?.source ?? { file: `${input.policiesDir}/oncall/rotations.yaml`, line: 1, column: 1 };
    out.push({ level: "error", file: where.file, line: where.line, column: where.column, message: rotation ? rewriteMessage(r, rotation, "the pull request's base") : `rotation ${r.rotation} would rewrite a started shift` });
  }
  for (const p of review.problems) out.push({ level: "error", file: `incidents/${p.id}.yaml`, line: 1, column: 1, message: p.message });
  return out;
}
