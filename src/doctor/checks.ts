// `incident doctor`: every set-up problem that makes incident-as-code fail silently in a fresh
// repository, each checked against GitHub and reported as one line with its fix. A check the token
// may not read is reported as such ("cannot check"), never guessed.
import type { Policies } from "../config/types.js";
import { productLabels } from "./labels.js";
import { isDenied, type Answer, type DoctorPort } from "./port.js";
import { actionJobs, missingScopes, type Scope } from "./workflows.js";

export type CheckStatus = "pass" | "fail" | "warn";

export interface CheckLine {
  check: "token" | "workflow-permissions" | "labels" | "pull-requests" | "records-branch" | "assignees" | "secrets";
  status: CheckStatus;
  message: string;
  /** What to do about it (fail and warn lines). */
  fix?: string;
}

export interface DoctorInput {
  port: DoctorPort;
  policies: Policies;
  repo: string; // owner/name
  /** Workflow files of the repository (.github/workflows/*.yml), path → text. */
  workflows: readonly { path: string; text: string }[];
  /** The records branch to check; default: the workflows' `records-branch` input, else the default branch. */
  recordsBranch?: string | null;
  /** Create missing labels when the token may. */
  createLabels: boolean;
  /** Turn on the Actions pull-request setting when it is off and the token may (a security setting: only when asked). */
  allowPullRequests?: boolean;
}

/** The secret the workflow passes as `app-token` (post-mortem PRs that get CI). */
export const APP_TOKEN_SECRET = "INCIDENT_APP_TOKEN";
const SETTINGS_PR = "Settings → Actions → General → Workflow permissions → \"Allow GitHub Actions to create and approve pull requests\"";

const cannot = (what: string, a: { status: number; message: string }, how: string): string => `cannot read ${what} with this token (HTTP ${a.status}: ${a.message.split("\n")[0] ?? ""}); ${how}`;

/** Logins the Action assigns or pages: rotation members and overrides, team leads. */
export function peopleToAssign(policies: Policies): string[] {
  const logins = new Set<string>();
  for (const r of Object.values(policies.rotations)) {
    for (const l of r.layers) for (const m of l.members) logins.add(m);
    for (const m of Object.keys(r.members)) logins.add(m);
    for (const o of r.overrides) logins.add(o.member);
  }
  for (const t of Object.values(policies.teams)) if (t.lead) logins.add(t.lead);
  return [...logins].filter((l) => !l.startsWith("@")).sort();
}

export async function runDoctor(input: DoctorInput): Promise<CheckLine[]> {
  const { port, policies } = input;
  const lines: CheckLine[] = [];
  const repo = await port.repository();
  if (isDenied(repo)) {
    return [{ check: "token", status: "fail", message: `the token cannot read ${input.repo} (HTTP ${repo.status})`, fix: "use a token with access to the repository (fine-grained: Contents, Issues and Metadata; Administration: read and Secrets: read for the settings checks)" }];
  }
  lines.push({ check: "token", status: "pass", message: `reads ${input.repo}${repo.permissions ? ` (role allows: ${repo.permissions.admin ? "admin" : repo.permissions.push ? "write" : repo.permissions.triage ? "triage" : "read"})` : ""}` });

  const settings = await port.workflowPermissions();
  lines.push(workflowPermissionLine(input, isDenied(settings) ? null : settings.defaultPermissions === "write" ? ["contents", "issues", "pull-requests", "statuses"] : []));
  lines.push(await labelsLine(input));
  const secrets = await port.secrets();
  let allowed: Answer<"allowed"> | null = null;
  if (input.allowPullRequests && !isDenied(settings) && !settings.canApprovePullRequests && !(!isDenied(secrets) && secrets.includes(APP_TOKEN_SECRET))) {
    allowed = await port.allowPullRequests(settings.defaultPermissions);
  }
  lines.push(pullRequestsLine(settings, secrets, allowed));
  lines.push(await recordsBranchLine(input, repo.defaultBranch));
  lines.push(await assigneesLine(input));
  lines.push(...secretLines(policies, secrets));
  return lines;
}

function workflowPermissionLine(input: DoctorInput, defaultWrites: Scope[] | null): CheckLine {
  const jobs = actionJobs(input.workflows);
  if (jobs.filter((j) => !j.validateOnly).length === 0) {
    return { check: "workflow-permissions", status: "fail", message: "no workflow under .github/workflows runs the incident-as-code Action for incidents", fix: "add .github/workflows/incident.yml (`npx incident-as-code init` writes it)" };
  }
  const problems: string[] = [];
  let unknown = false;
  for (const j of jobs) {
    const missing = missingScopes(j, defaultWrites);
    if (missing === null) unknown = true;
    else if (missing.length > 0) problems.push(`${j.file} job \`${j.job}\` lacks ${missing.map((s) => `${s}: write`).join(", ")}`);
  }
  if (problems.length > 0) return { check: "workflow-permissions", status: "fail", message: problems.join("; "), fix: "add the missing scopes to the job's `permissions:` block" };
  if (unknown) return { check: "workflow-permissions", status: "warn", message: "a job that runs the Action sets no `permissions:` and the repository default could not be read", fix: "give each job its own `permissions:` block (see .github/workflows/incident.yml)" };
  return { check: "workflow-permissions", status: "pass", message: `${jobs.length} job(s) running the Action get the write scopes they need` };
}

async function labelsLine(input: DoctorInput): Promise<CheckLine> {
  const existing = await input.port.labels();
  if (isDenied(existing)) return { check: "labels", status: "warn", message: cannot("labels", existing, "the labels could not be checked"), fix: "run `incident doctor` with a token that can read issues" };
  const have = new Set(existing.map((l) => l.toLowerCase()));
  const missing = productLabels(input.policies).filter((l) => !have.has(l.name.toLowerCase()));
  if (missing.length === 0) return { check: "labels", status: "pass", message: `all ${productLabels(input.policies).length} labels exist` };
  const created: string[] = [];
  let refused: { status: number; message: string } | null = null;
  if (input.createLabels) {
    for (const l of missing) {
      const r = await input.port.createLabel({ name: l.name, color: l.color, description: l.description });
      if (isDenied(r)) {
        refused = r;
        break;
      }
      created.push(l.name);
    }
  }
  const left = missing.filter((l) => !created.includes(l.name));
  if (left.length === 0) return { check: "labels", status: "pass", message: `created ${created.length} missing label(s): ${created.join(", ")}` };
  const required = left.filter((l) => l.required);
  const fix = `create them: ${left.slice(0, 3).map((l) => `gh label create "${l.name}" --color ${l.color}`).join("; ")}${left.length > 3 ? "; …" : ""} (or run \`incident doctor\` with a token that may create labels)`;
  const why = refused ? `; creating them was refused (HTTP ${refused.status})` : input.createLabels ? "" : " (not creating labels: --no-create-labels)";
  if (required.length > 0) return { check: "labels", status: "fail", message: `missing ${required.map((l) => l.name).join(", ")}: issues declared from the issue form are ignored until it exists${left.length > required.length ? `, and ${left.length - required.length} more` : ""}${why}`, fix };
  return { check: "labels", status: "warn", message: `${left.length} label(s) missing (GitHub creates them grey on first use)${why}`, fix };
}

function pullRequestsLine(settings: Answer<{ canApprovePullRequests: boolean }>, secrets: Answer<string[]>, allowed: Answer<"allowed"> | null): CheckLine {
  const appToken = !isDenied(secrets) && secrets.includes(APP_TOKEN_SECRET);
  if (appToken) return { check: "pull-requests", status: "pass", message: `post-mortem pull requests are opened with the ${APP_TOKEN_SECRET} App token` };
  if (isDenied(settings)) {
    return { check: "pull-requests", status: "warn", message: cannot("the Actions pull-request setting", settings, "post-mortem pull requests fail without it"), fix: `check ${SETTINGS_PR} by hand, or add an ${APP_TOKEN_SECRET} secret (a GitHub App installation token)` };
  }
  if (settings.canApprovePullRequests) return { check: "pull-requests", status: "pass", message: "GitHub Actions may create pull requests (post-mortems)" };
  if (allowed === "allowed") return { check: "pull-requests", status: "pass", message: "turned on \"Allow GitHub Actions to create and approve pull requests\" (post-mortems)" };
  const refused = allowed && isDenied(allowed) ? ` (turning it on was refused: HTTP ${allowed.status}${allowed.status === 409 ? ", the organization's policy forbids it" : ""})` : "";
  return { check: "pull-requests", status: "fail", message: `GitHub Actions may not create pull requests: post-mortem pull requests will fail${refused}`, fix: `enable ${SETTINGS_PR} (or run doctor with --allow-pull-requests and an admin's token), or add an ${APP_TOKEN_SECRET} secret (a GitHub App installation token)` };
}

const BLOCKING_RULES: Record<string, string> = {
  pull_request: "requires pull requests",
  required_status_checks: "requires status checks",
  update: "restricts updates",
  required_signatures: "requires signed commits",
  required_deployments: "requires deployments",
};

async function recordsBranchLine(input: DoctorInput, defaultBranch: string): Promise<CheckLine> {
  const configured = input.recordsBranch ?? actionJobs(input.workflows).find((j) => j.recordsBranch)?.recordsBranch ?? null;
  const name = configured ?? defaultBranch;
  const fix = `set the Action's \`records-branch\` input to a branch without these rules (e.g. incident-records), or let GitHub Actions bypass them`;
  const branch = await input.port.branch(name);
  if (isDenied(branch)) return { check: "records-branch", status: "warn", message: cannot(`branch ${name}`, branch, "pushes of incident records may be refused"), fix };
  if (branch === null) {
    return configured
      ? { check: "records-branch", status: "pass", message: `${name} does not exist yet: the Action creates it (records only) on its first write` }
      : { check: "records-branch", status: "fail", message: `the default branch ${name} does not exist (empty repository?)`, fix: "push a first commit" };
  }
  const blocked: string[] = [];
  const rules = await input.port.branchRules(name);
  if (!isDenied(rules)) for (const r of rules) if (BLOCKING_RULES[r]) blocked.push(`a ruleset ${BLOCKING_RULES[r]}`);
  if (branch.protected) {
    const p = await input.port.branchProtection(name);
    if (isDenied(p)) return { check: "records-branch", status: "warn", message: `${name} is protected and its rules cannot be read with this token (HTTP ${p.status}): the Action's pushes of incident records are refused if it requires pull requests or status checks`, fix };
    if (p) {
      if (p.requiresPullRequest) blocked.push("protection requires pull requests");
      if (p.requiredStatusChecks.length > 0) blocked.push(`protection requires status checks (${p.requiredStatusChecks.join(", ")})`);
      if (p.restrictsPushes) blocked.push("protection restricts who can push");
      if (p.requiresSignatures) blocked.push("protection requires signed commits");
      if (p.locked) blocked.push("the branch is locked");
    }
  }
  if (blocked.length > 0) return { check: "records-branch", status: "fail", message: `the Action commits incident records to ${name}, but ${blocked.join("; ")}`, fix };
  return { check: "records-branch", status: "pass", message: `the Action can push incident records to ${name}${configured ? "" : " (the default branch)"}` };
}

async function assigneesLine(input: DoctorInput): Promise<CheckLine> {
  const people = peopleToAssign(input.policies);
  const placeholders = people.filter((l) => l.endsWith("-example"));
  const real = people.filter((l) => !l.endsWith("-example"));
  const notAssignable: string[] = [];
  for (const login of real) {
    const a = await input.port.assignable(login);
    if (isDenied(a)) return { check: "assignees", status: "warn", message: cannot("assignees", a, "on-call people could not be checked"), fix: "run `incident doctor` with a token that can read the repository's issues" };
    if (!a) notAssignable.push(login);
  }
  const problems = [
    ...(placeholders.length > 0 ? [`placeholder logins ${placeholders.join(", ")}`] : []),
    ...(notAssignable.length > 0 ? [`${notAssignable.join(", ")} cannot be assigned to issues in ${input.repo} (GitHub refuses the whole issue with 422)`] : []),
  ];
  if (problems.length > 0) return { check: "assignees", status: "fail", message: problems.join("; "), fix: "replace placeholders with real logins in policies/oncall/rotations.yaml and teams.yaml, and give every on-call person access to the repository" };
  return { check: "assignees", status: "pass", message: `all ${people.length} on-call people and team leads can be assigned` };
}

function secretLines(policies: Policies, secrets: Answer<string[]>): CheckLine[] {
  const channels = Object.values(policies.routing.channels).filter((c) => c.secret);
  if (channels.length === 0) return [];
  if (isDenied(secrets)) {
    return [{ check: "secrets", status: "warn", message: cannot("the Actions secrets", secrets, `channels ${channels.map((c) => c.id).join(", ")} could not be checked`), fix: "run `incident doctor` with an admin's token (Secrets: read)" }];
  }
  return channels.map((c) => {
    const name = c.secret ?? "";
    if (secrets.includes(name)) return { check: "secrets", status: "pass", message: `channel ${c.id}: ${name} is set` };
    // `fallback: none` is the policy's own choice (e.g. an audience the issue already mentions): say what it costs, don't fail.
    if (c.fallback === "none") return { check: "secrets", status: "warn", message: `channel ${c.id}: ${name} is not set and the policy gives it no GitHub fallback, so nothing is sent to it`, fix: `gh secret set ${name}` };
    return { check: "secrets", status: "pass", message: `channel ${c.id}: ${name} not set, so it uses its GitHub fallback (${c.fallback})` };
  });
}

const MARK: Record<CheckStatus, string> = { pass: "ok  ", fail: "FAIL", warn: "warn" };

/** One line per check (`FAIL labels: …`), the fix indented under it. */
export function formatDoctor(lines: readonly CheckLine[]): string {
  return lines.map((l) => `${MARK[l.status]} ${l.check}: ${l.message}${l.fix && l.status !== "pass" ? `\n       fix: ${l.fix}` : ""}`).join("\n");
}
