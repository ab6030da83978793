// Builders for commit statuses, check runs, collaborator permissions, rate limits and error bodies.
import { HTML, nodeId, userJson, type BuildCtx } from "./builders.js";
import type { CheckRunRec, RateCounter, RepoState, Role, StatusRec } from "./state.js";

export const DOCS = "https://docs.github.com/rest";

/** GitHub's error body: `{message, documentation_url, status}`. */
export function errorBody(status: number, message: string) {
  return { message, documentation_url: DOCS, status: String(status) };
}

export interface FieldError {
  resource: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  field?: string;
  message?: string;
  /** The refused value, when GitHub names it (the login of an assignee, a label name). */
  value?: string;
}

/** GitHub's 422: `{message: "Validation Failed", errors: [...]}`. */
export function validationFailed(errors: FieldError[]) {
  return { message: "Validation Failed", errors, documentation_url: DOCS, status: "422" };
}

export function statusJson(ctx: BuildCtx, repo: RepoState, s: StatusRec) {
  const creator = userJson(ctx, s.creator);
  return {
    url: `${ctx.api}/repos/${repo.fullName}/statuses/${s.sha}`,
    avatar_url: creator.avatar_url,
    id: s.id,
    node_id: nodeId("StatusContext", s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    creator,
  };
}

function githubActionsApp(ctx: BuildCtx) {
  return {
    id: 15368,
    slug: "github-actions",
    node_id: "MDM6QXBwMTUzNjg=",
    client_id: "Iv1.05c79e9ad1f6bdfa",
    owner: userJson(ctx, "github", "Organization"),
    name: "GitHub Actions",
    description: "Automate your workflow from idea to production",
    external_url: "https://help.github.com/en/actions",
    html_url: `${HTML}/apps/github-actions`,
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2024-04-10T20:33:16Z",
    permissions: { actions: "write", checks: "write", contents: "write", issues: "write", metadata: "read", pull_requests: "write", statuses: "write" },
    events: ["check_run", "issue_comment", "issues", "pull_request", "pull_request_review", "push", "repository_dispatch", "workflow_dispatch"],
  };
}

export function checkRunJson(ctx: BuildCtx, repo: RepoState, run: CheckRunRec) {
  const url = `${ctx.api}/repos/${repo.fullName}/check-runs/${run.id}`;
  const pulls = repo.pulls.filter((p) => p.pull?.head.sha === run.headSha && p.state === "open");
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CheckRun", run.id),
    external_id: run.externalId,
    url,
    html_url: `${HTML}/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: Number.parseInt(ctx.world.sha(`suite:${run.headSha}`).slice(0, 7), 16) },
    app: githubActionsApp(ctx),
    pull_requests: pulls.map((p) => {
      const repoMin = { id: repo.id, url: `${ctx.api}/repos/${repo.fullName}`, name: repo.name };
      return {
        id: p.id,
        number: p.number,
        url: `${ctx.api}/repos/${repo.fullName}/pulls/${p.number}`,
        head: { ref: p.pull?.head.ref ?? "", sha: p.pull?.head.sha ?? "", repo: repoMin },
        base: { ref: p.pull?.base.ref ?? "", sha: p.pull?.base.sha ?? "", repo: repoMin },
      };
    }),
  };
}

/** `permission` is GitHub's legacy mapping (maintain→write, triage→read); `role_name` the real role. */
export function legacyPermission(role: Role): "admin" | "write" | "read" | "none" {
  switch (role) {
    case "admin":
      return "admin";
    case "maintain":
    case "write":
      return "write";
    case "triage":
    case "read":
      return "read";
    case "none":
      return "none";
  }
}

export function collaboratorPermissionJson(ctx: BuildCtx, login: string, role: Role) {
  const rank = ["read", "triage", "write", "maintain", "admin"].indexOf(role);
  return {
    permission: legacyPermission(role),
    role_name: role,
    user: {
      ...userJson(ctx, login),
      permissions: { pull: rank >= 0, triage: rank >= 1, push: rank >= 2, maintain: rank >= 3, admin: rank >= 4 },
      role_name: role,
    },
  };
}

export function rateLimitJson(core: RateCounter, search: RateCounter) {
  const r = (c: RateCounter) => ({ limit: c.limit, used: c.used, remaining: Math.max(0, c.limit - c.used), reset: c.reset });
  const spare = (limit: number) => r({ limit, used: 0, reset: core.reset });
  return {
    resources: {
      core: r(core),
      search: r(search),
      graphql: spare(5000),
      integration_manifest: spare(5000),
      code_search: spare(10),
      actions_runner_registration: spare(10000),
      scim: spare(15000),
      dependency_snapshots: spare(100),
    },
    rate: r(core),
  };
}
