// Builders for pull requests, their reviews, requested teams and changed files.
import { HTML, authorAssociation, issueJson, labelJson, nodeId, repoJson, userJson, type BuildCtx } from "./builders.js";
import type { DiffEntry, IssueRec, RepoState, ReviewRec } from "./state.js";

export function teamJson(ctx: BuildCtx, repo: RepoState, slug: string) {
  const id = Number.parseInt(ctx.world.sha(`team:${repo.owner}/${slug}`).slice(0, 6), 16);
  const url = `${ctx.api}/organizations/${repo.id}/team/${id}`;
  return {
    id,
    node_id: nodeId("Team", id),
    url,
    html_url: `${HTML}/orgs/${repo.owner}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: "organization" as const,
    parent: null,
  };
}

function branchJson(ctx: BuildCtx, repo: RepoState, label: string, ref: string, sha: string) {
  return { label, ref, sha, user: userJson(ctx, repo.owner, "Organization"), repo: repoJson(ctx, repo) };
}

/** The `pull-request-simple` shape, used by list endpoints and request-reviewers. */
export function pullSimpleJson(ctx: BuildCtx, repo: RepoState, issue: IssueRec) {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const api = `${ctx.api}/repos/${repo.fullName}`;
  const url = `${api}/pulls/${issue.number}`;
  const html = `${HTML}/${repo.fullName}/pull/${issue.number}`;
  const asIssue = issueJson(ctx, repo, issue);
  const link = (href: string) => ({ href });
  return {
    url,
    id: issue.id,
    node_id: asIssue.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(ctx, issue.user),
    body: issue.body,
    // pull-request-simple declares label descriptions as non-nullable strings.
    labels: asIssue.labels.map((l) => ({ ...l, description: l.description ?? "" })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: asIssue.assignee,
    assignees: asIssue.assignees,
    requested_reviewers: pull.requestedReviewers.map((r) => userJson(ctx, r)),
    requested_teams: pull.requestedTeams.map((t) => teamJson(ctx, repo, t)),
    head: branchJson(ctx, repo, pull.head.label, pull.head.ref, pull.head.sha),
    base: branchJson(ctx, repo, `${repo.owner}:${pull.base.ref}`, pull.base.ref, pull.base.sha),
    _links: {
      self: link(url),
      html: link(html),
      issue: link(`${api}/issues/${issue.number}`),
      comments: link(`${api}/issues/${issue.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${api}/statuses/${pull.head.sha}`),
    },
    author_association: authorAssociation(ctx, repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
}

/** The full `pull-request` shape (GET one, create, update). */
export function pullJson(ctx: BuildCtx, repo: RepoState, issue: IssueRec) {
  const simple = pullSimpleJson(ctx, repo, issue);
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const additions = pull.files.reduce((n, f) => n + f.additions, 0);
  const deletions = pull.files.reduce((n, f) => n + f.deletions, 0);
  const mergeable = issue.state === "open" && !pull.merged;
  return {
    ...simple,
    labels: issue.labels.flatMap((n) => {
      const l = repo.label(n);
      return l ? [labelJson(ctx, repo, l)] : [];
    }),
    merged: pull.merged,
    mergeable: mergeable ? true : null,
    rebaseable: mergeable ? true : null,
    mergeable_state: pull.merged ? "unknown" : pull.draft ? "draft" : "clean",
    merged_by: pull.mergedBy ? userJson(ctx, pull.mergedBy) : null,
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: 1,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
}

export function reviewJson(ctx: BuildCtx, repo: RepoState, review: ReviewRec) {
  const pullUrl = `${ctx.api}/repos/${repo.fullName}/pulls/${review.pullNumber}`;
  const html = `${HTML}/${repo.fullName}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: userJson(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: authorAssociation(ctx, repo, review.user),
  };
}

export function diffEntryJson(ctx: BuildCtx, repo: RepoState, issue: IssueRec, file: DiffEntry) {
  const sha = ctx.world.sha(`file:${issue.pull?.head.sha ?? ""}:${file.filename}`);
  const ref = issue.pull?.head.sha ?? "HEAD";
  const path = file.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${HTML}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${HTML}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${ctx.api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}
