// Builders for the JSON GitHub returns: full objects (every required field and the common optional
// ones), so responses validate against the OpenAPI description and look like the real thing.
// `url`s point at the emulator; `html_url`s at github.com.
import type { CommentRec, IssueRec, LabelRec, ReactionRec, RepoState, World } from "./state.js";

export interface BuildCtx {
  world: World;
  /** The emulator's base URL, e.g. http://127.0.0.1:4711 — what `url` fields point at. */
  api: string;
}

export const HTML = "https://github.com";

/** A legacy-style global node id, e.g. base64("05:Issue1234"). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

export function userJson(ctx: BuildCtx, login: string, typeOverride?: "Organization") {
  const u = ctx.world.user(login);
  const type = typeOverride ?? u.type;
  const base = `${ctx.api}/users/${encodeURIComponent(login)}`;
  const htmlLogin = u.type === "Bot" ? `apps/${login.replace(/\[bot\]$/, "")}` : login;
  return {
    login,
    id: u.id,
    node_id: nodeId(type, u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url: base,
    html_url: `${HTML}/${htmlLogin}`,
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function authorAssociation(ctx: BuildCtx, repo: RepoState, login: string) {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER" as const;
  return ctx.world.role(login) === "none" ? ("NONE" as const) : ("COLLABORATOR" as const);
}

/** The `repository` schema (embedded in pull requests); `fullRepoJson` adds the GET-repo extras. */
export function repoJson(ctx: BuildCtx, repo: RepoState) {
  const api = `${ctx.api}/repos/${repo.fullName}`;
  const open = repo.issues.filter((i) => i.state === "open").length;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(ctx, repo.owner, "Organization"),
    private: true,
    html_url: `${HTML}/${repo.fullName}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${HTML}/${repo.fullName}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${HTML}/${repo.fullName}`,
    homepage: null,
    language: "TypeScript",
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 128,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    open_issues: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "private",
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    license: null,
    allow_forking: false,
    web_commit_signoff_required: false,
  };
}

export function fullRepoJson(ctx: BuildCtx, repo: RepoState, viewer: string) {
  const role = ctx.world.role(viewer);
  const at = (r: string[]) => r.includes(role) || viewer.endsWith("[bot]");
  return {
    ...repoJson(ctx, repo),
    permissions: {
      admin: at(["admin"]),
      maintain: at(["admin", "maintain"]),
      push: at(["admin", "maintain", "write"]),
      triage: at(["admin", "maintain", "write", "triage"]),
      pull: true,
    },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    network_count: 0,
    subscribers_count: 1,
    organization: userJson(ctx, repo.owner, "Organization"),
  };
}

export function labelJson(ctx: BuildCtx, repo: RepoState, label: LabelRec) {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${ctx.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

export function reactionRollup(ctx: BuildCtx, repo: RepoState, url: string, subject: "issue" | "comment", id: number) {
  const mine = repo.reactions.filter((r) => r.subject === subject && r.subjectId === id);
  const count = (c: string) => mine.filter((r) => r.content === c).length;
  return {
    url: `${url}/reactions`,
    total_count: mine.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    confused: count("confused"),
    heart: count("heart"),
    hooray: count("hooray"),
    eyes: count("eyes"),
    rocket: count("rocket"),
  };
}

export function issueJson(ctx: BuildCtx, repo: RepoState, issue: IssueRec) {
  const api = `${ctx.api}/repos/${repo.fullName}`;
  const url = `${api}/issues/${issue.number}`;
  const kind = issue.pull ? "pull" : "issues";
  const labels = issue.labels.flatMap((n) => {
    const l = repo.label(n);
    return l ? [labelJson(ctx, repo, l)] : [];
  });
  const assignees = issue.assignees.map((a) => userJson(ctx, a));
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML}/${repo.fullName}/${kind}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(ctx, issue.user),
    labels,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: issue.locked,
    active_lock_reason: null,
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    ...(issue.pull
      ? {
          pull_request: {
            url: `${api}/pulls/${issue.number}`,
            html_url: `${HTML}/${repo.fullName}/pull/${issue.number}`,
            diff_url: `${HTML}/${repo.fullName}/pull/${issue.number}.diff`,
            patch_url: `${HTML}/${repo.fullName}/pull/${issue.number}.patch`,
            merged_at: issue.pull.mergedAt,
          },
          draft: issue.pull.draft,
        }
      : {}),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: issue.closedBy ? userJson(ctx, issue.closedBy) : null,
    author_association: authorAssociation(ctx, repo, issue.user),
    performed_via_github_app: null,
    timeline_url: `${url}/timeline`,
    reactions: reactionRollup(ctx, repo, url, "issue", issue.number),
  };
}

export function commentJson(ctx: BuildCtx, repo: RepoState, comment: CommentRec) {
  const url = `${ctx.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  const kind = repo.issue(comment.issueNumber)?.pull ? "pull" : "issues";
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url,
    html_url: `${HTML}/${repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${ctx.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(ctx, repo, comment.user),
    performed_via_github_app: null,
    reactions: reactionRollup(ctx, repo, url, "comment", comment.id),
  };
}

export function reactionJson(ctx: BuildCtx, reaction: ReactionRec) {
  return {
    id: reaction.id,
    node_id: nodeId("Reaction", reaction.id),
    user: userJson(ctx, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}
