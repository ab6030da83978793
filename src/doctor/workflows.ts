// What the repository's workflows grant the Action's GITHUB_TOKEN, read from the workflow files:
// no API tells a token its own permissions, but the `permissions:` blocks decide them (GitHub docs,
// "Controlling permissions for GITHUB_TOKEN": a job's block replaces the workflow's, and without
// either the repository's default applies — read-only on repositories created since 2023).
import { parse } from "yaml";

export type Scope = "contents" | "issues" | "pull-requests" | "statuses";

export interface ActionJob {
  file: string;
  job: string;
  /** Runs `command: validate` only (needs nothing but read access). */
  validateOnly: boolean;
  /** Handles pull_request / pull_request_review events (post-mortems). */
  postmortems: boolean;
  /** Scopes granted write; null when neither the job nor the workflow sets `permissions:` (the repository default applies). */
  writes: Scope[] | null;
  /** The `records-branch` input, when the job sets one. */
  recordsBranch: string | null;
}

type Perms = string | Record<string, string> | undefined;
interface Step { uses?: string; with?: Record<string, unknown> }
interface Job { if?: string; permissions?: Perms; steps?: Step[] }
interface Workflow { on?: unknown; permissions?: Perms; jobs?: Record<string, Job> }

const SCOPES: Scope[] = ["contents", "issues", "pull-requests", "statuses"];

function writesOf(p: Perms): Scope[] | null {
  if (p === undefined) return null;
  if (p === "write-all") return [...SCOPES];
  if (typeof p === "string") return [];
  return SCOPES.filter((s) => p[s] === "write");
}

function triggers(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === "object" ? Object.keys(on) : [];
}

/** Is `uses` this Action: the repository itself (`./`), or any ref of OWNER/incident-as-code? */
export function isOurAction(uses: string | undefined): boolean {
  return uses !== undefined && (/^\.\/?$/.test(uses.trim()) || /^[^/\s]+\/incident-as-code@\S+$/.test(uses.trim()));
}

/** The jobs that run the Action, from workflow files (path → YAML text). Unparseable files are skipped by the caller's validation, not here. */
export function actionJobs(files: readonly { path: string; text: string }[]): ActionJob[] {
  const out: ActionJob[] = [];
  for (const f of files) {
    let wf: Workflow;
    try {
      wf = (parse(f.text) ?? {}) as Workflow;
    } catch {
      continue;
    }
    const events = triggers(wf.on);
    for (const [name, job] of Object.entries(wf.jobs ?? {})) {
      const step = (job.steps ?? []).find((s) => isOurAction(s.uses));
      if (!step) continue;
      const w = step.with ?? {};
      const cond = job.if ?? "";
      const handlesPrs = events.some((e) => e === "pull_request" || e === "pull_request_review");
      out.push({
        file: f.path,
        job: name,
        validateOnly: w["command"] === "validate",
        postmortems: handlesPrs && (cond === "" || /event_name\s*==\s*'pull_request/.test(cond)),
        writes: writesOf(job.permissions) ?? writesOf(wf.permissions),
        recordsBranch: typeof w["records-branch"] === "string" && w["records-branch"] !== "" ? w["records-branch"] : null,
      });
    }
  }
  return out;
}

/** The scopes a job needs written that it is not granted; `defaultWrites` applies to jobs without a block. */
export function missingScopes(job: ActionJob, defaultWrites: Scope[] | null): Scope[] | null {
  if (job.validateOnly) return [];
  const need: Scope[] = ["contents", "issues", ...(job.postmortems ? (["pull-requests", "statuses"] as const) : [])];
  const granted = job.writes ?? defaultWrites;
  if (granted === null) return null;
  return need.filter((s) => !granted.includes(s));
}
