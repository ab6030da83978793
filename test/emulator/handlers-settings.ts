// Repository settings the set-up checks (`incident doctor`) read: the Actions workflow-permission
// setting, branches with their protection and rulesets, and which Actions secrets exist. Tests set
// them with `repoSettings(emulator.state)`; the handlers answer as GitHub does, refusals included:
// - Workflow permissions (GET /repos/{o}/{r}/actions/permissions/workflow) need the Administration
//   permission: https://docs.github.com/rest/actions/permissions#get-default-workflow-permissions-for-a-repository
//   A workflow's GITHUB_TOKEN can never be granted Administration
//   (https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token),
//   so the Actions bot gets 403 "Resource not accessible by integration"; users need the admin role.
// - Branch protection (GET …/branches/{b}/protection) needs admin too, and answers 404 "Branch not
//   protected" for an unprotected branch: https://docs.github.com/rest/branches/branch-protection#get-branch-protection
// - A branch (GET …/branches/{b}) and the rules that apply to it (GET …/rules/branches/{b}) are
//   readable by anyone who can read the repository: https://docs.github.com/rest/branches/branches#get-a-branch,
//   https://docs.github.com/rest/repos/rules#get-rules-for-a-branch
// - Secrets (GET …/actions/secrets, …/actions/organization-secrets) need the Secrets permission,
//   which GITHUB_TOKEN does not have, and admin for users: https://docs.github.com/rest/actions/secrets
import { HTML, userJson } from "./builders.js";
import { errorBody } from "./builders-misc.js";
import { HttpError, type Handler, type HandlerCtx } from "./handler.js";
import type { RepoState } from "./state.js";

export interface BranchProtectionRec {
  requiredPullRequestReviews: boolean;
  requiredStatusChecks: string[];
  /** Logins allowed to push when push restrictions are on; null = no restrictions. */
  pushAllowances: string[] | null;
  requiredSignatures: boolean;
  lockBranch: boolean;
}

export interface RepoSettings {
  defaultWorkflowPermissions: "read" | "write";
  /** "Allow GitHub Actions to create and approve pull requests"; off by default on new repositories. */
  canApprovePullRequestReviews: boolean;
  /** The organization's policy forbids turning it on for the repository (PUT answers 409). */
  orgForbidsPullRequestApproval: boolean;
  /** Branches besides the default branch (which always exists); value: classic protection or null. */
  branches: Map<string, BranchProtectionRec | null>;
  /** Ruleset rule types that apply to a branch, e.g. "pull_request", "required_status_checks". */
  rules: Map<string, string[]>;
  secrets: Set<string>;
  orgSecrets: Set<string>;
}

const settings = new WeakMap<RepoState, RepoSettings>();

/** The settings of `repo`, created with GitHub's defaults for a new repository on first use. */
export function repoSettings(repo: RepoState): RepoSettings {
  let s = settings.get(repo);
  if (!s) {
    s = { defaultWorkflowPermissions: "read", canApprovePullRequestReviews: false, orgForbidsPullRequestApproval: false, branches: new Map([[repo.defaultBranch, null]]), rules: new Map(), secrets: new Set(), orgSecrets: new Set() };
    settings.set(repo, s);
  }
  return s;
}

const ACTIONS_BOT = "github-actions[bot]";

function requireAdmin(ctx: HandlerCtx): void {
  if (ctx.user === ACTIONS_BOT) throw new HttpError(403, errorBody(403, "Resource not accessible by integration"));
  if (ctx.world.role(ctx.user) !== "admin") throw new HttpError(403, errorBody(403, "Must have admin rights to Repository."));
}

const workflowPermissions: Handler = (ctx) => {
  const repo = ctx.repo();
  requireAdmin(ctx);
  const s = repoSettings(repo);
  return { status: 200, body: { default_workflow_permissions: s.defaultWorkflowPermissions, can_approve_pull_request_reviews: s.canApprovePullRequestReviews } };
};

// PUT: admin only; 409 when the organization does not allow the setting
// (https://docs.github.com/rest/actions/permissions#set-default-workflow-permissions-for-a-repository).
const setWorkflowPermissions: Handler = (ctx) => {
  const repo = ctx.repo();
  requireAdmin(ctx);
  const s = repoSettings(repo);
  const input = (ctx.body ?? {}) as { default_workflow_permissions?: "read" | "write"; can_approve_pull_request_reviews?: boolean };
  if (input.can_approve_pull_request_reviews === true && s.orgForbidsPullRequestApproval) throw new HttpError(409, errorBody(409, "Conflict"));
  if (input.default_workflow_permissions) s.defaultWorkflowPermissions = input.default_workflow_permissions;
  if (input.can_approve_pull_request_reviews !== undefined) s.canApprovePullRequestReviews = input.can_approve_pull_request_reviews;
  return { status: 204 };
};

function branchOf(ctx: HandlerCtx): { repo: RepoState; name: string; protection: BranchProtectionRec | null } {
  const repo = ctx.repo();
  const name = String(ctx.path.branch);
  const branches = repoSettings(repo).branches;
  if (!branches.has(name)) throw new HttpError(404, errorBody(404, "Branch not found"));
  return { repo, name, protection: branches.get(name) ?? null };
}

function commitJson(ctx: HandlerCtx, repo: RepoState, sha: string) {
  const api = `${ctx.build.api}/repos/${repo.fullName}`;
  const who = { name: "octocat", email: "octocat@example.com", date: ctx.world.timestamp() };
  return {
    sha,
    node_id: Buffer.from(`Commit:${sha}`).toString("base64"),
    url: `${api}/commits/${sha}`,
    html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: { author: who, committer: who, message: "records", comment_count: 0, tree: { sha: ctx.world.sha(`tree:${sha}`), url: `${api}/git/trees/${ctx.world.sha(`tree:${sha}`)}` }, url: `${api}/git/commits/${sha}` },
    author: userJson(ctx.build, "octocat"),
    committer: userJson(ctx.build, "octocat"),
    parents: [],
  };
}

function protectionJson(ctx: HandlerCtx, repo: RepoState, name: string, p: BranchProtectionRec) {
  const url = `${ctx.build.api}/repos/${repo.fullName}/branches/${encodeURIComponent(name)}/protection`;
  const flag = (enabled: boolean, path: string) => ({ url: `${url}/${path}`, enabled });
  return {
    url,
    ...(p.requiredStatusChecks.length > 0 ? { required_status_checks: { url: `${url}/required_status_checks`, strict: true, contexts: p.requiredStatusChecks, contexts_url: `${url}/required_status_checks/contexts`, checks: p.requiredStatusChecks.map((c) => ({ context: c, app_id: null })) } } : {}),
    ...(p.requiredPullRequestReviews ? { required_pull_request_reviews: { url: `${url}/required_pull_request_reviews`, dismiss_stale_reviews: false, require_code_owner_reviews: false, required_approving_review_count: 1 } } : {}),
    ...(p.pushAllowances ? { restrictions: { url: `${url}/restrictions`, users_url: `${url}/restrictions/users`, teams_url: `${url}/restrictions/teams`, apps_url: `${url}/restrictions/apps`, users: p.pushAllowances.map((l) => userJson(ctx.build, l)), teams: [], apps: [] } } : {}),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: false },
    required_signatures: flag(p.requiredSignatures, "required_signatures"),
    lock_branch: { enabled: p.lockBranch },
  };
}

const getBranch: Handler = (ctx) => {
  const { repo, name, protection } = branchOf(ctx);
  const api = `${ctx.build.api}/repos/${repo.fullName}`;
  return {
    status: 200,
    body: {
      name,
      commit: commitJson(ctx, repo, ctx.world.sha(`branch:${repo.fullName}:${name}`)),
      _links: { html: `${HTML}/${repo.fullName}/tree/${name}`, self: `${api}/branches/${encodeURIComponent(name)}` },
      protected: protection !== null,
      protection: { enabled: protection !== null, required_status_checks: { enforcement_level: protection?.requiredStatusChecks.length ? "non_admins" : "off", contexts: protection?.requiredStatusChecks ?? [], checks: (protection?.requiredStatusChecks ?? []).map((c) => ({ context: c, app_id: null })) } },
      protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
    },
  };
};

const getProtection: Handler = (ctx) => {
  const { repo, name, protection } = branchOf(ctx);
  requireAdmin(ctx);
  if (!protection) throw new HttpError(404, errorBody(404, "Branch not protected"));
  return { status: 200, body: protectionJson(ctx, repo, name, protection) };
};

const getBranchRules: Handler = (ctx) => {
  const repo = ctx.repo();
  const name = String(ctx.path.branch);
  const types = repoSettings(repo).rules.get(name) ?? [];
  const parameters: Record<string, unknown> = {
    pull_request: { parameters: { dismiss_stale_reviews_on_push: false, require_code_owner_review: false, require_last_push_approval: false, required_approving_review_count: 1, required_review_thread_resolution: false } },
    required_status_checks: { parameters: { required_status_checks: [{ context: "ci" }], strict_required_status_checks_policy: false } },
    update: { parameters: { update_allows_fetch_and_merge: false } },
  };
  const body = types.map((type, i) => ({ type, ...((parameters[type] as object | undefined) ?? {}), ruleset_source_type: "Repository", ruleset_source: repo.fullName, ruleset_id: 100 + i }));
  return { status: 200, body };
};

function secretList(ctx: HandlerCtx, names: Set<string>) {
  requireAdmin(ctx);
  const at = ctx.world.timestamp();
  const secrets = [...names].sort().map((name) => ({ name, created_at: at, updated_at: at }));
  return { status: 200, body: { total_count: secrets.length, secrets } };
}

const repoSecrets: Handler = (ctx) => secretList(ctx, repoSettings(ctx.repo()).secrets);
const orgSecrets: Handler = (ctx) => secretList(ctx, repoSettings(ctx.repo()).orgSecrets);

export const settingsHandlers: Record<string, Handler> = {
  "actions/get-github-actions-default-workflow-permissions-repository": workflowPermissions,
  "actions/set-github-actions-default-workflow-permissions-repository": setWorkflowPermissions,
  "repos/get-branch": getBranch,
  "repos/get-branch-protection": getProtection,
  "repos/get-branch-rules": getBranchRules,
  "actions/list-repo-secrets": repoSecrets,
  "actions/list-repo-organization-secrets": orgSecrets,
};
