// The shell of the policy-review door (`command: validate` on a `pull_request` event; on a `push`,
// the rotation-history check alone): reads from git what the door needs (src/store/review-sides.ts
// — the base's policies, the incident records, the records the pull request changes), lets the door
// decide, and executes its Plan with the pulls executor (the comment, found again by its marker,
// and the check run). What the door refuses joins the policy problems, so the validate step fails
// and annotates the lines too.
import * as core from "@actions/core";
import { checkRotationHistory } from "../cli/rotation-history.js";
import type { CompileResult } from "../config/index.js";
import type { Octokit } from "../github/client.js";
import { GitHubError, type Repo } from "../github/port.js";
import { octokitPulls } from "../github/pulls.js";
import { pullsExecutor } from "../github/pulls-executor.js";
import { policyReviewDoor, pullRequestRef, reviewedPull } from "../incident/doors/policy-review.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import { policyOnCall } from "../oncall/port.js";
import { isPullEffect } from "../plan/effects.js";
import { newLog } from "../plan/log.js";
import { GitRefError } from "../store/at-ref.js";
import { readReviewSides } from "../store/review-sides.js";
import { report } from "./summary.js";

export interface ReviewOptions {
  eventName: string;
  payload: EventPayload;
  /** The checkout (GitHub's merge commit of the pull request, or the pushed commit). */
  workspace: string;
  policiesDir: string;
  recordsBranch: string | null;
  /** The run's clock reading, epoch ms. */
  now: number;
  /** With the workflow's token, for the comment and the check run; null: nothing is posted. */
  github: { octokit: Octokit; repo: Repo; serverUrl?: string } | null;
}

/**
 * What validate mode adds with git at hand: on a pull request, the review; on a push, the
 * rotation-history check of the pushed commit against its parent, as of when it was committed
 * (`incident validate` without --against). Returns `head` with refusals added as errors.
 */
export async function reviewPolicyChange(head: CompileResult, o: ReviewOptions): Promise<CompileResult> {
  if (o.eventName === "pull_request") return reviewPullRequestEvent(head, o);
  if (o.eventName !== "push" || !head.policies) return head;
  const history = await checkRotationHistory({ dir: o.workspace, policiesDir: o.policiesDir, now: o.now, fix: false }).catch((e: unknown) => {
    if (e instanceof GitRefError) return { issues: [], note: `rotation history not checked: ${e.message}` };
    throw e;
  });
  core.info(history.note);
  return history.issues.length === 0 ? head : { policies: null, issues: [...head.issues, ...history.issues] };
}

/**
 * Reviews the pull request of the event and returns `head` (the checkout's policies, as validated)
 * with the door's refusals added as errors. Reading git or posting to GitHub failing is a warning:
 * the validation result stands.
 */
async function reviewPullRequestEvent(head: CompileResult, o: ReviewOptions): Promise<CompileResult> {
  const pull = reviewedPull(o.payload);
  if (!pull) return head;
  let sides;
  try {
    sides = await readReviewSides(o.workspace, pull, { policiesDir: o.policiesDir, recordsBranch: o.recordsBranch, warn: (m) => core.warning(m) });
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    core.warning(`policy replay skipped: ${e.message}`);
    return head;
  }
  const repo = o.github?.repo ?? { owner: "", repo: "" };
  const { plan, refusals } = policyReviewDoor({
    pr: pullRequestRef(pull, sides.baseSha),
    repo: { ...repo, ...(o.github?.serverUrl ? { serverUrl: o.github.serverUrl } : {}) },
    base: sides.base,
    head,
    records: sides.records,
    recordChanges: sides.changes,
    now: o.now,
    onCall: policyOnCall,
    policiesDir: o.policiesDir,
  });
  const log = newLog();
  if (o.github) {
    const pulls = pullsExecutor({ pulls: octokitPulls(o.github.octokit, o.github.repo), git: { dir: o.workspace, remote: "origin" }, base: pull.base.ref }, log);
    try {
      for (const effect of plan.effects) if (isPullEffect(effect)) await pulls.execute(effect);
    } catch (e) {
      if (!(e instanceof GitHubError) || e.retryable) throw e;
      // A pull request from a fork gets a read-only token; a job without the scopes gets 403 too.
      core.warning(`could not post the policy replay on #${pull.number}: ${e.message}. The job needs \`pull-requests: write\` and \`checks: write\`; the replay is in the job summary.`);
    }
  }
  await report(plan, { log });
  const comment = plan.effects.find((e) => e.kind === "pr.comment");
  if (comment) await core.summary.addRaw(comment.body, true).write();
  return refusals.length === 0 ? head : { policies: null, issues: [...head.issues, ...refusals] };
}
