// Repository-level endpoints: the repository itself, collaborator permissions, commit statuses,
// check runs, dispatches, rate limit and a minimal issue search.
import { fullRepoJson, issueJson } from "./builders.js";
import { checkRunJson, collaboratorPermissionJson, rateLimitJson, statusJson } from "./builders-misc.js";
import { HTML } from "./builders.js";
import { notFound, paginate, unprocessable, type Handler, type HandlerCtx } from "./handler.js";
import { checkCheckOutput, checkDispatchPayload, checkStatus, checkWorkflowInputs } from "./refusals.js";
import type { CheckRunRec, IssueRec, RepoState } from "./state.js";

const getRepo: Handler = (ctx) => ({ status: 200, body: fullRepoJson(ctx.build, ctx.repo(), ctx.user) });

const permission: Handler = (ctx) => {
  ctx.repo();
  const login = String(ctx.path.username);
  const role = ctx.world.role(login);
  if (role === "none") throw notFound();
  return { status: 200, body: collaboratorPermissionJson(ctx.build, login, role) };
};

const createStatus: Handler = (ctx) => {
  const repo = ctx.repo();
  const input = ctx.body as { state: string; target_url?: string | null; description?: string | null; context?: string };
  const context = (input.context ?? "default").toLowerCase();
  checkStatus(input.description, repo.statuses.filter((s) => s.sha === String(ctx.path.sha) && s.context.toLowerCase() === context).length);
  const status = {
    id: ctx.world.nextId(),
    sha: String(ctx.path.sha),
    state: input.state,
    targetUrl: input.target_url ?? null,
    description: input.description ?? null,
    context: input.context ?? "default",
    creator: ctx.user,
    createdAt: ctx.world.timestamp(),
  };
  repo.statuses.push(status);
  return { status: 201, body: statusJson(ctx.build, repo, status) };
};

interface CheckInput {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string };
}

function applyCheck(ctx: HandlerCtx, run: CheckRunRec, input: CheckInput): void {
  checkCheckOutput(input.output);
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.started_at !== undefined) run.startedAt = input.started_at;
  if (input.status !== undefined) run.status = input.status;
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = "completed";
  }
  if (input.output) run.output = { title: input.output.title ?? null, summary: input.output.summary ?? null, text: input.output.text ?? null };
  if (run.status === "completed") {
    if (run.conclusion === null) throw unprocessable([{ resource: "CheckRun", code: "missing_field", field: "conclusion" }]);
    run.completedAt = input.completed_at ?? run.completedAt ?? ctx.world.timestamp();
  }
}

const createCheck: Handler = (ctx) => {
  const repo = ctx.repo();
  const input = ctx.body as CheckInput & { name: string; head_sha: string };
  const run: CheckRunRec = {
    id: ctx.world.nextId(),
    name: input.name,
    headSha: input.head_sha,
    status: "queued",
    conclusion: null,
    startedAt: ctx.world.timestamp(),
    completedAt: null,
    detailsUrl: null,
    externalId: null,
    output: { title: null, summary: null, text: null },
  };
  applyCheck(ctx, run, input);
  repo.checkRuns.push(run);
  return { status: 201, body: checkRunJson(ctx.build, repo, run) };
};

const updateCheck: Handler = (ctx) => {
  const repo = ctx.repo();
  const run = repo.checkRuns.find((r) => r.id === Number(ctx.path.check_run_id));
  if (!run) throw notFound();
  applyCheck(ctx, run, ctx.body as CheckInput);
  return { status: 200, body: checkRunJson(ctx.build, repo, run) };
};

const dispatch: Handler = (ctx) => {
  const input = ctx.body as { event_type: string; client_payload?: Record<string, unknown> };
  const payload = input.client_payload ?? {};
  checkDispatchPayload(ctx, payload);
  ctx.repo().dispatches.push({ eventType: input.event_type, clientPayload: payload, user: ctx.user, at: ctx.world.timestamp() });
  return { status: 204 };
};

const workflowDispatch: Handler = (ctx) => {
  const repo = ctx.repo();
  const input = ctx.body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
  checkWorkflowInputs(ctx, input.inputs ?? {});
  const runId = ctx.world.nextId();
  const raw = ctx.path.workflow_id;
  const workflowId = typeof raw === "number" ? raw : String(raw);
  repo.workflowDispatches.push({ workflowId, ref: input.ref, inputs: input.inputs ?? {}, user: ctx.user, at: ctx.world.timestamp(), runId });
  if (input.return_run_details !== true) return { status: 204 };
  return {
    status: 200,
    body: {
      workflow_run_id: runId,
      run_url: `${ctx.build.api}/repos/${repo.fullName}/actions/runs/${runId}`,
      html_url: `${HTML}/${repo.fullName}/actions/runs/${runId}`,
    },
  };
};

const rateLimit: Handler = (ctx) => ({ status: 200, body: rateLimitJson(ctx.world.rate.core, ctx.world.rate.search) });

/** Splits a search query into terms, keeping "quoted phrases" and qualifier:"quoted values" whole. */
function terms(q: string): string[] {
  return (q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/"/g, ""));
}

function searchMatcher(q: string): { repo?: string; test: (r: RepoState, i: IssueRec) => boolean } {
  const tests: ((r: RepoState, i: IssueRec) => boolean)[] = [];
  const text: string[] = [];
  let repoName: string | undefined;
  let fields: ("title" | "body")[] = ["title", "body"];
  for (const t of terms(q)) {
    const [qual, ...rest] = t.split(":");
    const value = rest.join(":");
    const lower = value.toLowerCase();
    if (rest.length === 0) text.push(t.toLowerCase());
    else if (qual === "repo") repoName = lower;
    else if (qual === "label") tests.push((_r, i) => i.labels.some((l) => l.toLowerCase() === lower));
    else if ((qual === "is" || qual === "state") && (value === "open" || value === "closed")) tests.push((_r, i) => i.state === value);
    else if ((qual === "is" || qual === "type") && (value === "issue" || value === "pr")) tests.push((_r, i) => (value === "pr") === Boolean(i.pull));
    else if (qual === "author") tests.push((_r, i) => i.user === value);
    else if (qual === "in") fields = value.split(",").filter((f): f is "title" | "body" => f === "title" || f === "body");
    else text.push(t.toLowerCase());
  }
  tests.push((_r, i) => text.every((w) => fields.some((f) => (i[f] ?? "").toLowerCase().includes(w))));
  return { ...(repoName ? { repo: repoName } : {}), test: (r, i) => tests.every((fn) => fn(r, i)) };
}

const search: Handler = (ctx) => {
  const matcher = searchMatcher(String(ctx.query.q));
  const repos = [...ctx.world.repos.values()].filter((r) => !matcher.repo || r.fullName.toLowerCase() === matcher.repo);
  const hits = repos.flatMap((r) => r.issues.filter((i) => matcher.test(r, i)).map((i) => ({ r, i })));
  hits.sort((a, b) => b.i.createdAt.localeCompare(a.i.createdAt) || b.i.number - a.i.number);
  const page = paginate(ctx, hits);
  const items = page.items.map(({ r, i }) => ({ ...issueJson(ctx.build, r, i), score: 1 }));
  return { status: 200, body: { total_count: hits.length, incomplete_results: false, items, search_type: "lexical" }, headers: page.headers };
};

export const repoHandlers: Record<string, Handler> = {
  "repos/get": getRepo,
  "repos/get-collaborator-permission-level": permission,
  "repos/create-commit-status": createStatus,
  "checks/create": createCheck,
  "checks/update": updateCheck,
  "repos/create-dispatch-event": dispatch,
  "actions/create-workflow-dispatch": workflowDispatch,
  "rate-limit/get": rateLimit,
  "search/issues-and-pull-requests": search,
};
