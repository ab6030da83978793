// Applies the post-mortem flow's effects. `pr.create` needs git as well as the API: the branch is
// created (or reused) on the remote first, then the PR is opened — or the open one from that
// branch is reused — and reviewers are requested. Comments, statuses and action-item issues are
// made idempotent with hidden markers. Every other effect goes to the common executor.
import { marker } from "../render/markers.js";
import { createBranch, type BranchRepo } from "../store/branch.js";
import { commitMessage } from "../store/commit-message.js";
import type { GitHubEffect } from "./effects.js";
import { execute, type ExecutionLog } from "./executor.js";
import { GitHubError, type GitHubPort, type IssueData } from "./port.js";
import type { PullsPort } from "./pulls.js";

export interface PostmortemTools {
  github: GitHubPort;
  pulls: PullsPort;
  /** Where post-mortem branches are created from: the store's clone and the branch PRs target. */
  git: BranchRepo;
  base: string;
  log: (message: string) => void;
}

export interface PostmortemLog extends ExecutionLog {
  /** The post-mortem PR by incident id, with the branch tip it was opened (or found) at. */
  prs: Map<string, { number: number; headSha: string; labels: string[] }>;
  /** Action-item issue numbers by effect key. */
  actionItems: Map<string, number>;
}

export const newPostmortemLog = (): PostmortemLog => ({ issues: new Map(), applied: [], prs: new Map(), actionItems: new Map() });

export function prCommentMarker(pr: number, key: string): string {
  return marker("pr-comment", { pr, key });
}

export function actionItemMarker(incidentId: string, key: string): string {
  return marker("action-item", { incident: incidentId, key });
}

/** How many action-item issues to look through for one a crashed run already opened. */
const RECENT_ACTION_ITEMS = 100;

export async function executePostmortem(tools: PostmortemTools, effects: readonly GitHubEffect[], log: PostmortemLog = newPostmortemLog()): Promise<PostmortemLog> {
  let actionItems: IssueData[] | null = null;
  for (const effect of effects) {
    const done = (result: ExecutionLog["applied"][number]["result"]) => log.applied.push({ kind: effect.kind, reason: effect.reason, result });
    switch (effect.kind) {
      case "pr.create": {
        const branch = await createBranch(tools.git, { branch: effect.branch, base: tools.base, files: effect.files, message: commitMessage({ id: effect.incidentId, action: "postmortem" }) });
        const open = await tools.pulls.findOpen(effect.branch);
        if (open) {
          log.prs.set(effect.incidentId, { number: open.number, headSha: branch.sha, labels: open.labels });
          done("existed");
          break;
        }
        const pr = await tools.pulls.create({ head: effect.branch, base: tools.base, title: effect.title, body: `${effect.body}\n\n${marker("postmortem", { incident: effect.incidentId })}` });
        await requestReviews(tools, pr.number, effect.reviewers, effect.teamReviewers ?? []);
        log.prs.set(effect.incidentId, { number: pr.number, headSha: branch.sha, labels: pr.labels });
        done("done");
        break;
      }
      case "pr.comment.upsert": {
        const tag = prCommentMarker(effect.pr, effect.key);
        const body = `${effect.body}\n\n${tag}`;
        const ours = (await tools.pulls.listComments(effect.pr)).find((c) => c.fromUs && c.body.includes(tag));
        if (ours?.body === body) done("existed");
        else if (ours) {
          await tools.pulls.updateComment(ours.id, body);
          done("done");
        } else {
          await tools.pulls.createComment(effect.pr, body);
          done("done");
        }
        break;
      }
      case "status.set":
        await tools.pulls.setStatus(effect.sha, { state: effect.state, context: effect.context, description: effect.description });
        done("done");
        break;
      case "issue.create-action-item": {
        const tag = actionItemMarker(effect.incidentId, effect.key);
        actionItems ??= await tools.github.listIssues("action-item", RECENT_ACTION_ITEMS);
        const existing = actionItems.find((i) => i.body.includes(tag));
        if (existing) {
          log.actionItems.set(effect.key, existing.number);
          done("existed");
          break;
        }
        const created = await tools.github.createIssue({ title: effect.title, body: `${effect.body}\n\n${tag}`, labels: effect.labels, assignees: effect.assignees });
        log.actionItems.set(effect.key, created.number);
        done("done");
        break;
      }
      case "issue.create":
      case "issue.update":
      case "issue.comment":
      case "comment.react":
      case "timer.arm":
        await execute(tools.github, [effect], log);
    }
  }
  return log;
}

/**
 * GitHub refuses the whole request when one reviewer cannot review (not a collaborator, or the
 * PR's author): the PR is still useful, so that is a warning, and the people who can are asked alone.
 */
async function requestReviews(tools: PostmortemTools, pr: number, reviewers: string[], teams: string[]): Promise<void> {
  if (reviewers.length === 0 && teams.length === 0) return;
  try {
    await tools.pulls.requestReviewers(pr, reviewers, teams);
  } catch (e) {
    if (!(e instanceof GitHubError) || e.status !== 422) throw e;
    tools.log(`warning: could not request reviews from ${[...reviewers, ...teams.map((t) => `team ${t}`)].join(", ")} on #${pr}: ${e.message}`);
    for (const r of reviewers) await tools.pulls.requestReviewers(pr, [r], []).catch((err: unknown) => tools.log(`warning: no review request for ${r}: ${String(err)}`));
  }
}
