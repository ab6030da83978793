// The slice of GitHub's API the review effects need (src/review/effects.ts): a pull request's
// comments, check runs, and the one pull request of a branch — and its Octokit implementation.
import type { Octokit } from "./client.js";
import { call, type CommentData, type Repo } from "./port.js";
import { octokitPulls, type PullsPort } from "./pulls.js";

export interface CheckRunCreate {
  name: string;
  headSha: string;
  conclusion: "success" | "failure";
  title: string;
  summary: string;
}

export interface ReviewPort extends Pick<PullsPort, "findOpen" | "create"> {
  listComments(pr: number): Promise<CommentData[]>;
  createComment(pr: number, body: string): Promise<{ id: number }>;
  updateComment(commentId: number, body: string): Promise<void>;
  /**
   * A completed check run (Checks API; needs `checks: write`). Not guarded against the retry
   * plugin's resend: a second run with the same name and result is harmless (GitHub shows the latest).
   */
  createCheckRun(run: CheckRunCreate): Promise<void>;
  updatePull(pr: number, patch: { title: string; body: string }): Promise<void>;
}

export function octokitReview(octokit: Octokit, repo: Repo): ReviewPort {
  const pulls = octokitPulls(octokit, repo);
  return {
    findOpen: (head) => pulls.findOpen(head),
    create: (pull) => pulls.create(pull),
    listComments: (pr) => pulls.listComments(pr),
    createComment: (pr, body) => pulls.createComment(pr, body),
    updateComment: (id, body) => pulls.updateComment(id, body),
    createCheckRun: (run) =>
      call(`creating check run ${run.name} on ${run.headSha.slice(0, 7)}`, async () => {
        await octokit.rest.checks.create({ ...repo, name: run.name, head_sha: run.headSha, status: "completed", conclusion: run.conclusion, output: { title: run.title, summary: run.summary } });
      }),
    updatePull: (pr, patch) =>
      call(`updating pull request #${pr}`, async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: pr, title: patch.title, body: patch.body });
      }),
  };
}
