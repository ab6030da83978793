// Issues and issue comments.
import { commentJson, issueJson } from "./builders.js";
import { issueOf, names, notFound, paginate, sortBy, str, type Handler, type HandlerCtx } from "./handler.js";
import { acceptsIssueBodyUpdate, checkAssignees, checkBody, checkLabelNames, checkTitle } from "./refusals.js";
import type { IssueRec } from "./state.js";

interface IssueInput {
  title?: string | number | null;
  body?: string | null;
  assignee?: string | null;
  assignees?: string[];
  labels?: unknown[];
  state?: "open" | "closed";
  state_reason?: "completed" | "not_planned" | "duplicate" | "reopened" | null;
}

function assigneesOf(input: IssueInput): string[] | undefined {
  if (input.assignees) return input.assignees;
  if (input.assignee !== undefined) return input.assignee === null ? [] : [input.assignee];
  return undefined;
}

const createIssue: Handler = (ctx) => {
  const input = ctx.body as IssueInput;
  checkIssueText(ctx, input, "create");
  checkAssignees(ctx, assigneesOf(input));
  const issue = ctx.world.createIssue(ctx.repo(), {
    title: String(input.title ?? ""),
    body: input.body ?? null,
    labels: names(input.labels, "name"),
    assignees: assigneesOf(input) ?? [],
    user: ctx.user,
  });
  return { status: 201, body: issueJson(ctx.build, ctx.repo(), issue) };
};

/** GitHub's validations of an issue's title, body and label names (refusals.ts). */
function checkIssueText(ctx: HandlerCtx, input: IssueInput, op: "create" | "update"): void {
  checkTitle("Issue", input.title, op === "create");
  if (op === "create") checkBody(ctx, "Issue", input.body);
  if (input.labels !== undefined) checkLabelNames(names(input.labels, "name"));
}

function labelFilter(ctx: HandlerCtx): (i: IssueRec) => boolean {
  const wanted = typeof ctx.query.labels === "string" ? ctx.query.labels.split(",").map((l) => l.trim().toLowerCase()) : [];
  return (i) => wanted.every((w) => w === "" || i.labels.some((l) => l.toLowerCase() === w));
}

const listIssues: Handler = (ctx) => {
  const { state = "open", creator, sort = "created", direction } = ctx.query;
  const assignee = str(ctx.query.assignee);
  const since = str(ctx.query.since);
  const byLabels = labelFilter(ctx);
  const matching = ctx.repo().issues.filter(
    (i) =>
      (state === "all" || i.state === state) &&
      byLabels(i) &&
      (creator === undefined || i.user === creator) &&
      (assignee === undefined ||
        (assignee === "*" ? i.assignees.length > 0 : assignee === "none" ? i.assignees.length === 0 : i.assignees.includes(assignee))) &&
      (since === undefined || i.updatedAt >= since),
  );
  const repo = ctx.repo();
  const key = (i: IssueRec) =>
    sort === "updated" ? i.updatedAt : sort === "comments" ? repo.comments.filter((c) => c.issueNumber === i.number).length : i.createdAt;
  const page = paginate(ctx, sortBy(matching, key, (i) => i.number, direction));
  return { status: 200, body: page.items.map((i) => issueJson(ctx.build, repo, i)), headers: page.headers };
};

const getIssue: Handler = (ctx) => ({ status: 200, body: issueJson(ctx.build, ctx.repo(), issueOf(ctx)) });

const updateIssue: Handler = (ctx) => {
  const repo = ctx.repo();
  const issue = issueOf(ctx);
  const input = (ctx.body ?? {}) as IssueInput;
  checkIssueText(ctx, input, "update");
  checkAssignees(ctx, assigneesOf(input));
  if (input.title !== undefined && input.title !== null) issue.title = String(input.title);
  if (input.body !== undefined && acceptsIssueBodyUpdate(ctx, input.body)) issue.body = input.body;
  if (input.labels !== undefined) issue.labels = ctx.world.ensureLabels(repo, names(input.labels, "name"));
  const assignees = assigneesOf(input);
  if (assignees !== undefined) issue.assignees = ctx.world.assignable(assignees);
  if (input.state !== undefined) {
    const reason = input.state_reason === "reopened" ? undefined : (input.state_reason ?? undefined);
    ctx.world.setState(issue, input.state, ctx.user, reason);
  } else if (input.state_reason && issue.state === "closed" && input.state_reason !== "reopened") {
    issue.stateReason = input.state_reason;
  }
  issue.updatedAt = ctx.world.timestamp();
  return { status: 200, body: issueJson(ctx.build, repo, issue) };
};

const createComment: Handler = (ctx) => {
  const repo = ctx.repo();
  const issue = issueOf(ctx);
  const { body } = ctx.body as { body: string };
  checkBody(ctx, "IssueComment", body);
  const comment = ctx.world.addComment(repo, issue, body, ctx.user);
  return { status: 201, body: commentJson(ctx.build, repo, comment) };
};

const listComments: Handler = (ctx) => {
  const repo = ctx.repo();
  const issue = issueOf(ctx);
  const since = str(ctx.query.since);
  const all = repo.comments.filter((c) => c.issueNumber === issue.number && (since === undefined || c.updatedAt >= since));
  const page = paginate(ctx, all);
  return { status: 200, body: page.items.map((c) => commentJson(ctx.build, repo, c)), headers: page.headers };
};

function commentOf(ctx: HandlerCtx) {
  const comment = ctx.repo().comment(Number(ctx.path.comment_id));
  if (!comment) throw notFound();
  return comment;
}

const getComment: Handler = (ctx) => ({ status: 200, body: commentJson(ctx.build, ctx.repo(), commentOf(ctx)) });

const updateComment: Handler = (ctx) => {
  const comment = commentOf(ctx);
  const { body } = ctx.body as { body: string };
  checkBody(ctx, "IssueComment", body);
  comment.body = body;
  comment.updatedAt = ctx.world.timestamp();
  return { status: 200, body: commentJson(ctx.build, ctx.repo(), comment) };
};

const deleteComment: Handler = (ctx) => {
  const repo = ctx.repo();
  const comment = commentOf(ctx);
  repo.comments.splice(repo.comments.indexOf(comment), 1);
  return { status: 204 };
};

export const issueHandlers: Record<string, Handler> = {
  "issues/create": createIssue,
  "issues/list-for-repo": listIssues,
  "issues/get": getIssue,
  "issues/update": updateIssue,
  "issues/create-comment": createComment,
  "issues/list-comments": listComments,
  "issues/get-comment": getComment,
  "issues/update-comment": updateComment,
  "issues/delete-comment": deleteComment,
};
