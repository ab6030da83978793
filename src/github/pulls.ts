// The slice of GitHub's pull-request API the Action uses — post-mortem PRs, the policy review's
// comment and check run, the expired-silences PR — and its Octokit implementation. Comments,
// labels, statuses and check runs go through this port too, so that with the App token everything
// on a PR is written by the same identity.
import type { Octokit } from "./client.js";
import { call, type CommentData, type Repo } from "./port.js";

export interface PullData {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  mergedBy: string | null;
  headRef: string;
  headSha: string;
  labels: string[];
  body: string;
  htmlUrl: string;
}

export interface PullCreate {
  head: string; // branch name in this repository
  base: string;
  title: string;
  body: string;
}

export interface ReviewData {
  user: string;
  state: string; // APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING
  submittedAt: string | null;
}

export interface StatusCreate {
  state: "pending" | "success" | "failure";
  context: string;
  description: string;
}

export interface CheckRunCreate {
  name: string;
  headSha: string;
  conclusion: "success" | "failure";
  title: string;
  summary: string;
}

export interface PullsPort {
  get(number: number): Promise<PullData>;
  /** The open pull request from `head` (a branch of this repository), if there is one. */
  findOpen(head: string): Promise<PullData | null>;
  create(pull: PullCreate): Promise<PullData>;
  requestReviewers(number: number, reviewers: string[], teamReviewers: string[]): Promise<void>;
  /** Reviews in the order they were submitted (up to 100). */
  listReviews(number: number): Promise<ReviewData[]>;
  listComments(number: number): Promise<CommentData[]>;
  createComment(number: number, body: string): Promise<{ id: number }>;
  updateComment(commentId: number, body: string): Promise<void>;
  setStatus(sha: string, status: StatusCreate): Promise<void>;
  /** The pull request's whole label set. */
  setLabels(number: number, labels: string[]): Promise<void>;
  /** A new title and body. */
  update(number: number, patch: { title: string; body: string }): Promise<void>;
  /** A completed check run (Checks API; the token needs `checks: write`). */
  createCheckRun(run: CheckRunCreate): Promise<void>;
}

type RawPull = {
  number: number;
  state: string;
  merged?: boolean;
  merged_at?: string | null;
  merged_by?: { login: string } | null;
  head: { ref: string; sha: string };
  labels: { name?: string }[];
  body?: string | null;
  html_url: string;
};

function toPull(raw: RawPull): PullData {
  return {
    number: raw.number,
    state: raw.state === "closed" ? "closed" : "open",
    merged: raw.merged ?? (raw.merged_at !== null && raw.merged_at !== undefined),
    mergedBy: raw.merged_by?.login ?? null,
    headRef: raw.head.ref,
    headSha: raw.head.sha,
    labels: raw.labels.map((l) => l.name ?? "").filter((l) => l !== ""),
    body: raw.body ?? "",
    htmlUrl: raw.html_url,
  };
}

export function octokitPulls(octokit: Octokit, repo: Repo): PullsPort {
  return {
    get: (number) => call(`reading pull request #${number}`, async () => toPull((await octokit.rest.pulls.get({ ...repo, pull_number: number })).data as RawPull)),
    findOpen: (head) =>
      call(`looking for an open pull request from ${head}`, async () => {
        const { data } = await octokit.rest.pulls.list({ ...repo, state: "open", head: `${repo.owner}:${head}`, per_page: 10 });
        const hit = (data as RawPull[]).find((p) => p.head.ref === head);
        return hit ? toPull(hit) : null;
      }),
    create: (p) => call(`opening a pull request from ${p.head}`, async () => toPull((await octokit.rest.pulls.create({ ...repo, ...p, request: { retries: 0 } })).data as RawPull)),
    requestReviewers: (number, reviewers, teamReviewers) =>
      call(`requesting reviews on #${number}`, async () => {
        await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: number, reviewers, ...(teamReviewers.length > 0 ? { team_reviewers: teamReviewers } : {}) });
      }),
    listReviews: (number) =>
      call(`listing reviews of #${number}`, async () => {
        const { data } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: number, per_page: 100 });
        return data.map((r) => ({ user: r.user?.login ?? "", state: r.state, submittedAt: r.submitted_at ?? null }));
      }),
    listComments: (number) =>
      call(`listing comments on #${number}`, async () => {
        const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100 });
        return data.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user?.login ?? "", fromUs: c.user?.type === "Bot" }));
      }),
    createComment: (number, body) => call(`commenting on #${number}`, async () => ({ id: (await octokit.rest.issues.createComment({ ...repo, issue_number: number, body, request: { retries: 0 } })).data.id })),
    setLabels: (number, labels) =>
      call(`labelling #${number}`, async () => {
        await octokit.rest.issues.setLabels({ ...repo, issue_number: number, labels });
      }),
    updateComment: (commentId, body) =>
      call(`editing comment ${commentId}`, async () => {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
      }),
    update: (number, patch) =>
      call(`updating pull request #${number}`, async () => {
        await octokit.rest.pulls.update({ ...repo, pull_number: number, title: patch.title, body: patch.body });
      }),
    // Not guarded against the retry plugin's resend: a second run with the same name and result is
    // harmless (GitHub shows the latest run of each name).
    createCheckRun: (run) =>
      call(`creating check run ${run.name} on ${run.headSha.slice(0, 7)}`, async () => {
        await octokit.rest.checks.create({ ...repo, name: run.name, head_sha: run.headSha, status: "completed", conclusion: run.conclusion, output: { title: run.title, summary: run.summary } });
      }),
    setStatus: (sha, s) =>
      call(`setting status ${s.context} on ${sha.slice(0, 7)}`, async () => {
        await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: s.state, context: s.context, description: s.description });
      }),
  };
}
