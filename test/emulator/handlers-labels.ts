// Labels (repository and issue), assignees and reactions.
import { issueJson, labelJson, reactionJson } from "./builders.js";
import { HttpError, issueOf, names, notFound, paginate, unprocessable, type Handler, type HandlerCtx } from "./handler.js";
import { errorBody } from "./builders-misc.js";
import { checkLabelDescription, checkLabelNames } from "./refusals.js";
import type { IssueRec, ReactionContent, ReactionRec } from "./state.js";

const listLabels: Handler = (ctx) => {
  const repo = ctx.repo();
  const page = paginate(ctx, repo.labels);
  return { status: 200, body: page.items.map((l) => labelJson(ctx.build, repo, l)), headers: page.headers };
};

const createLabel: Handler = (ctx) => {
  const repo = ctx.repo();
  const input = ctx.body as { name: string; color?: string; description?: string };
  if (repo.label(input.name)) throw unprocessable([{ resource: "Label", code: "already_exists", field: "name" }]);
  if (input.color !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(input.color)) {
    throw unprocessable([{ resource: "Label", code: "invalid", field: "color" }]);
  }
  checkLabelNames([input.name]);
  checkLabelDescription(input.description);
  const label = ctx.world.createLabel(repo, input);
  return { status: 201, body: labelJson(ctx.build, repo, label) };
};

const getLabel: Handler = (ctx) => {
  const repo = ctx.repo();
  const label = repo.label(String(ctx.path.name));
  if (!label) throw notFound();
  return { status: 200, body: labelJson(ctx.build, repo, label) };
};

const updateLabel: Handler = (ctx) => {
  const repo = ctx.repo();
  const label = repo.label(String(ctx.path.name));
  if (!label) throw notFound();
  const input = (ctx.body ?? {}) as { new_name?: string; color?: string; description?: string };
  if (input.new_name !== undefined) checkLabelNames([input.new_name]);
  checkLabelDescription(input.description);
  if (input.new_name !== undefined && input.new_name.toLowerCase() !== label.name.toLowerCase() && repo.label(input.new_name)) {
    throw unprocessable([{ resource: "Label", code: "already_exists", field: "name" }]);
  }
  if (input.new_name !== undefined) {
    for (const issue of repo.issues) issue.labels = issue.labels.map((n) => (n === label.name ? String(input.new_name) : n));
    label.name = input.new_name;
  }
  if (input.color !== undefined) label.color = input.color.replace(/^#/, "").toLowerCase();
  if (input.description !== undefined) label.description = input.description;
  return { status: 200, body: labelJson(ctx.build, repo, label) };
};

const deleteLabel: Handler = (ctx) => {
  const repo = ctx.repo();
  const label = repo.label(String(ctx.path.name));
  if (!label) throw notFound();
  repo.labels.splice(repo.labels.indexOf(label), 1);
  for (const issue of repo.issues) issue.labels = issue.labels.filter((n) => n !== label.name);
  return { status: 204 };
};

function issueLabels(ctx: HandlerCtx, issue: IssueRec) {
  const repo = ctx.repo();
  return issue.labels.flatMap((n) => {
    const l = repo.label(n);
    return l ? [labelJson(ctx.build, repo, l)] : [];
  });
}

function touch(ctx: HandlerCtx, issue: IssueRec): void {
  issue.updatedAt = ctx.world.timestamp();
}

const listOnIssue: Handler = (ctx) => {
  const page = paginate(ctx, issueLabels(ctx, issueOf(ctx)));
  return { status: 200, body: page.items, headers: page.headers };
};

const removeAllLabels: Handler = (ctx) => {
  const issue = issueOf(ctx);
  issue.labels = [];
  touch(ctx, issue);
  return { status: 204 };
};

const addLabels: Handler = (ctx) => {
  const issue = issueOf(ctx);
  const added = names((ctx.body as { labels?: unknown[] } | undefined)?.labels, "name");
  checkLabelNames(added);
  issue.labels = ctx.world.ensureLabels(ctx.repo(), [...issue.labels, ...added]);
  touch(ctx, issue);
  return { status: 200, body: issueLabels(ctx, issue) };
};

const setLabels: Handler = (ctx) => {
  const issue = issueOf(ctx);
  const wanted = names((ctx.body as { labels?: unknown[] } | undefined)?.labels, "name");
  checkLabelNames(wanted);
  issue.labels = ctx.world.ensureLabels(ctx.repo(), wanted);
  touch(ctx, issue);
  return { status: 200, body: issueLabels(ctx, issue) };
};

const removeLabel: Handler = (ctx) => {
  const issue = issueOf(ctx);
  const name = String(ctx.path.name).toLowerCase();
  const before = issue.labels.length;
  issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
  if (issue.labels.length === before) throw new HttpError(404, errorBody(404, "Label does not exist"));
  touch(ctx, issue);
  return { status: 200, body: issueLabels(ctx, issue) };
};

const addAssignees: Handler = (ctx) => {
  const issue = issueOf(ctx);
  const wanted = names((ctx.body as { assignees?: unknown[] } | undefined)?.assignees, "login");
  // GitHub keeps at most 10 assignees and silently ignores users who cannot be assigned.
  issue.assignees = ctx.world.assignable([...issue.assignees, ...wanted]).slice(0, 10);
  touch(ctx, issue);
  return { status: 201, body: issueJson(ctx.build, ctx.repo(), issue) };
};

const checkAssignee: Handler = (ctx) => {
  ctx.repo();
  if (ctx.world.assignable([String(ctx.path.assignee)]).length === 0) throw notFound();
  return { status: 204 };
};

const removeAssignees: Handler = (ctx) => {
  const issue = issueOf(ctx);
  const gone = new Set(names((ctx.body as { assignees: unknown[] }).assignees, "login"));
  issue.assignees = issue.assignees.filter((a) => !gone.has(a));
  touch(ctx, issue);
  return { status: 200, body: issueJson(ctx.build, ctx.repo(), issue) };
};

function react(ctx: HandlerCtx, subject: ReactionRec["subject"], subjectId: number) {
  const repo = ctx.repo();
  const content = (ctx.body as { content: ReactionContent }).content;
  const existing = repo.reactions.find((r) => r.subject === subject && r.subjectId === subjectId && r.user === ctx.user && r.content === content);
  if (existing) return { status: 200, body: reactionJson(ctx.build, existing) };
  const reaction: ReactionRec = { id: ctx.world.nextId(), subject, subjectId, content, user: ctx.user, createdAt: ctx.world.timestamp() };
  repo.reactions.push(reaction);
  return { status: 201, body: reactionJson(ctx.build, reaction) };
}

const reactToComment: Handler = (ctx) => {
  const comment = ctx.repo().comment(Number(ctx.path.comment_id));
  if (!comment) throw notFound();
  return react(ctx, "comment", comment.id);
};

const reactToIssue: Handler = (ctx) => react(ctx, "issue", issueOf(ctx).number);

const listCommentReactions: Handler = (ctx) => {
  const comment = ctx.repo().comment(Number(ctx.path.comment_id));
  if (!comment) throw notFound();
  const content = ctx.query.content;
  const all = ctx.repo().reactions.filter((r) => r.subject === "comment" && r.subjectId === comment.id && (content === undefined || r.content === content));
  const { items, headers } = paginate(ctx, all);
  return { status: 200, headers, body: items.map((r) => reactionJson(ctx.build, r)) };
};

export const labelHandlers: Record<string, Handler> = {
  "issues/list-labels-for-repo": listLabels,
  "issues/create-label": createLabel,
  "issues/get-label": getLabel,
  "issues/update-label": updateLabel,
  "issues/delete-label": deleteLabel,
  "issues/list-labels-on-issue": listOnIssue,
  "issues/remove-all-labels": removeAllLabels,
  "issues/add-labels": addLabels,
  "issues/set-labels": setLabels,
  "issues/remove-label": removeLabel,
  "issues/add-assignees": addAssignees,
  "issues/remove-assignees": removeAssignees,
  "issues/check-user-can-be-assigned": checkAssignee,
  "reactions/create-for-issue-comment": reactToComment,
  "reactions/list-for-issue-comment": listCommentReactions,
  "reactions/create-for-issue": reactToIssue,
};
