// Pull requests: create, list, get, update, reviewers, reviews, files, merge.
import { diffEntryJson, pullJson, pullSimpleJson, reviewJson } from "./builders-pulls.js";
import { errorBody } from "./builders-misc.js";
import { HttpError, paginate, pullOf, sortBy, unprocessable, type Handler } from "./handler.js";
import { checkPullBody, checkTitle } from "./refusals.js";

interface PullInput { title?: string; head?: string; base?: string; body?: string; draft?: boolean; maintainer_can_modify?: boolean; issue?: number; state?: "open" | "closed" }

const createPull: Handler = (ctx) => {
  const repo = ctx.repo();
  const input = ctx.body as PullInput;
  const missing = (["head", "base"] as const).filter((f) => input[f] === undefined);
  if (input.title === undefined && input.issue === undefined) missing.push("title" as never);
  if (missing.length > 0) {
    throw unprocessable(missing.map((field) => ({ resource: "PullRequest", code: "missing_field" as const, field })));
  }
  if (input.issue === undefined) checkTitle("PullRequest", input.title, true);
  checkPullBody(input.body);
  const head = String(input.head);
  const base = String(input.base);
  const label = head.includes(":") ? head : `${repo.owner}:${head}`;
  if (repo.pulls.some((p) => p.state === "open" && p.pull?.head.label === label && p.pull.base.ref === base)) {
    throw unprocessable([{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${label}.` }]);
  }
  if (label === `${repo.owner}:${base}`) {
    throw unprocessable([{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }]);
  }
  const pull = ctx.world.newPull(repo, head, base, input.draft === true);
  pull.maintainerCanModify = input.maintainer_can_modify === true;
  const issue = ctx.world.createIssue(repo, { title: input.title ?? "", body: input.body ?? null, user: ctx.user, pull });
  return { status: 201, body: pullJson(ctx.build, repo, issue) };
};

const listPulls: Handler = (ctx) => {
  const repo = ctx.repo();
  const { state = "open", head, base, sort = "created", direction } = ctx.query;
  const matching = repo.pulls.filter(
    (p) =>
      (state === "all" || p.state === state) &&
      (head === undefined || p.pull?.head.label === head) &&
      (base === undefined || p.pull?.base.ref === base),
  );
  const key = (p: (typeof matching)[number]) => (sort === "updated" ? p.updatedAt : p.createdAt);
  const page = paginate(ctx, sortBy(matching, key, (p) => p.number, direction));
  return { status: 200, body: page.items.map((p) => pullSimpleJson(ctx.build, repo, p)), headers: page.headers };
};

const getPull: Handler = (ctx) => ({ status: 200, body: pullJson(ctx.build, ctx.repo(), pullOf(ctx)) });

const updatePull: Handler = (ctx) => {
  const issue = pullOf(ctx);
  const input = (ctx.body ?? {}) as PullInput;
  checkTitle("PullRequest", input.title, false);
  checkPullBody(input.body);
  if (input.title !== undefined) issue.title = input.title;
  if (input.body !== undefined) issue.body = input.body;
  if (input.base !== undefined) issue.pull.base.ref = input.base;
  if (input.maintainer_can_modify !== undefined) issue.pull.maintainerCanModify = input.maintainer_can_modify;
  if (input.state !== undefined) {
    if (issue.pull.merged && input.state === "open") {
      throw unprocessable([{ resource: "PullRequest", code: "custom", message: "state cannot be changed. The pull request has been merged." }]);
    }
    ctx.world.setState(issue, input.state, ctx.user);
  }
  issue.updatedAt = ctx.world.timestamp();
  return { status: 200, body: pullJson(ctx.build, ctx.repo(), issue) };
};

const requestReviewers: Handler = (ctx) => {
  const issue = pullOf(ctx);
  const input = (ctx.body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] };
  const reviewers = input.reviewers ?? [];
  if (reviewers.includes(issue.user)) {
    throw unprocessable([{ resource: "PullRequest", code: "custom", message: "Review cannot be requested from pull request author." }]);
  }
  if (reviewers.some((r) => ctx.world.role(r) === "none")) {
    const repo = ctx.repo().fullName;
    throw unprocessable([
      {
        resource: "PullRequest",
        code: "custom",
        message: `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo} repository.`,
      },
    ]);
  }
  issue.pull.requestedReviewers = [...new Set([...issue.pull.requestedReviewers, ...reviewers])];
  issue.pull.requestedTeams = [...new Set([...issue.pull.requestedTeams, ...(input.team_reviewers ?? [])])];
  return { status: 201, body: pullSimpleJson(ctx.build, ctx.repo(), issue) };
};

const listReviews: Handler = (ctx) => {
  const repo = ctx.repo();
  const issue = pullOf(ctx);
  const page = paginate(ctx, repo.reviews.filter((r) => r.pullNumber === issue.number));
  return { status: 200, body: page.items.map((r) => reviewJson(ctx.build, repo, r)), headers: page.headers };
};

const listFiles: Handler = (ctx) => {
  const repo = ctx.repo();
  const issue = pullOf(ctx);
  const page = paginate(ctx, issue.pull.files);
  return { status: 200, body: page.items.map((f) => diffEntryJson(ctx.build, repo, issue, f)), headers: page.headers };
};

const merge: Handler = (ctx) => {
  const issue = pullOf(ctx);
  const input = (ctx.body ?? {}) as { sha?: string };
  if (issue.pull.merged || issue.state === "closed") {
    throw new HttpError(405, { message: "Pull Request is not mergeable", documentation_url: errorBody(405, "").documentation_url });
  }
  if (input.sha !== undefined && input.sha !== issue.pull.head.sha) {
    throw new HttpError(409, { message: "Head branch was modified. Review and try the merge again.", documentation_url: errorBody(409, "").documentation_url });
  }
  const sha = ctx.world.sha(`merge:${ctx.repo().fullName}:${issue.number}`);
  Object.assign(issue.pull, { merged: true, mergedAt: ctx.world.timestamp(), mergedBy: ctx.user, mergeCommitSha: sha });
  ctx.world.setState(issue, "closed", ctx.user);
  issue.updatedAt = ctx.world.timestamp();
  return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
};

export const pullHandlers: Record<string, Handler> = {
  "pulls/create": createPull,
  "pulls/list": listPulls,
  "pulls/get": getPull,
  "pulls/update": updatePull,
  "pulls/request-reviewers": requestReviewers,
  "pulls/list-reviews": listReviews,
  "pulls/list-files": listFiles,
  "pulls/merge": merge,
};
