// The slice of GitHub `incident doctor` reads (and the one write it makes: missing labels), and its
// Octokit implementation. Every read answers `Denied` instead of throwing when the token may not
// see it, because "cannot check with this token" is itself a line of the doctor's report.
import type { Octokit } from "../github/client.js";

/** The token may not read or do this (403/404): `status`, and GitHub's own message. */
export interface Denied {
  denied: true;
  status: number;
  message: string;
}

export type Answer<T> = T | Denied;

export function isDenied<T>(a: Answer<T>): a is Denied {
  return typeof a === "object" && a !== null && "denied" in a && a.denied === true;
}

export interface RepoFacts {
  defaultBranch: string;
  /** The token user's permissions on the repository; null when GitHub does not say (installation tokens). */
  permissions: { admin: boolean; push: boolean; triage: boolean } | null;
}

export interface BranchProtection {
  requiresPullRequest: boolean;
  requiredStatusChecks: string[];
  restrictsPushes: boolean;
  requiresSignatures: boolean;
  locked: boolean;
}

export interface DoctorPort {
  repository(): Promise<Answer<RepoFacts>>;
  labels(): Promise<Answer<string[]>>;
  createLabel(label: { name: string; color: string; description: string }): Promise<Answer<"created">>;
  /** The Actions "Workflow permissions" setting (needs Administration: read). */
  workflowPermissions(): Promise<Answer<{ defaultPermissions: "read" | "write"; canApprovePullRequests: boolean }>>;
  /** Turns on "Allow GitHub Actions to create and approve pull requests", keeping the default permissions. */
  allowPullRequests(defaultPermissions: "read" | "write"): Promise<Answer<"allowed">>;
  /** null: no such branch. */
  branch(name: string): Promise<Answer<{ protected: boolean } | null>>;
  /** null: not protected. Needs admin. */
  branchProtection(name: string): Promise<Answer<BranchProtection | null>>;
  /** Types of the ruleset rules that apply to the branch (readable by anyone who can read the repository). */
  branchRules(name: string): Promise<Answer<string[]>>;
  assignable(login: string): Promise<Answer<boolean>>;
  /** Names of the Actions secrets the repository's workflows can use (repository and organization ones). */
  secrets(): Promise<Answer<string[]>>;
}

function statusOf(e: unknown): number {
  return typeof e === "object" && e !== null && "status" in e ? Number((e).status) : 0;
}

/** 403 and 404 become `Denied`; anything else (5xx, network) is a real failure and throws. */
async function read<T>(fn: () => Promise<T>, notFound?: () => T): Promise<Answer<T>> {
  try {
    return await fn();
  } catch (e) {
    const status = statusOf(e);
    if (status === 404 && notFound) return notFound();
    if (status === 401 || status === 403 || status === 404 || status === 409) return { denied: true, status, message: e instanceof Error ? e.message : String(e) };
    throw e;
  }
}

export function octokitDoctorPort(octokit: Octokit, repo: { owner: string; repo: string }): DoctorPort {
  return {
    repository: () =>
      read(async () => {
        const { data } = await octokit.rest.repos.get(repo);
        const p = data.permissions;
        return { defaultBranch: data.default_branch, permissions: p ? { admin: p.admin, push: p.push, triage: p.triage ?? p.push } : null };
      }),
    labels: () => read(async () => (await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 })).map((l) => l.name)),
    createLabel: (label) =>
      read(async () => {
        await octokit.rest.issues.createLabel({ ...repo, ...label });
        return "created" as const;
      }),
    workflowPermissions: () =>
      read(async () => {
        const { data } = await octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(repo);
        return { defaultPermissions: data.default_workflow_permissions, canApprovePullRequests: data.can_approve_pull_request_reviews };
      }),
    allowPullRequests: (defaultPermissions) =>
      read(async () => {
        await octokit.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({ ...repo, default_workflow_permissions: defaultPermissions, can_approve_pull_request_reviews: true });
        return "allowed" as const;
      }),
    branch: (name) => read(async () => ({ protected: (await octokit.rest.repos.getBranch({ ...repo, branch: name })).data.protected }), () => null),
    branchProtection: (name) =>
      read(
        async () => {
          const { data } = await octokit.rest.repos.getBranchProtection({ ...repo, branch: name });
          return {
            requiresPullRequest: data.required_pull_request_reviews !== undefined,
            requiredStatusChecks: data.required_status_checks?.contexts ?? [],
            restrictsPushes: data.restrictions !== undefined,
            requiresSignatures: data.required_signatures?.enabled === true,
            locked: data.lock_branch?.enabled === true,
          };
        },
        () => null,
      ),
    branchRules: (name) => read(async () => (await octokit.rest.repos.getBranchRules({ ...repo, branch: name, per_page: 100 })).data.map((r) => r.type)),
    assignable: (login) =>
      read(
        async () => {
          await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: login });
          return true;
        },
        () => false,
      ),
    secrets: () =>
      read(async () => {
        const own = await octokit.paginate(octokit.rest.actions.listRepoSecrets, { ...repo, per_page: 100 });
        const org = await octokit.paginate(octokit.rest.actions.listRepoOrganizationSecrets, { ...repo, per_page: 100 });
        return [...own, ...org].map((s) => s.name);
      }),
  };
}
