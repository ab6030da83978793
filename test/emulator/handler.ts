// What every route handler gets and returns, plus the helpers they share: GitHub-shaped errors and
// pagination with a Link header. GitHub's validations of written text are in refusals.ts.
import type { BuildCtx } from "./builders.js";
import { errorBody, validationFailed, type FieldError } from "./builders-misc.js";
import type { IssueRec, RepoState, World } from "./state.js";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerCtx {
  world: World;
  build: BuildCtx;
  /** Path parameters, coerced to their declared types (issue_number is a number). */
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Login of the token's user. */
  user: string;
  /** The full request URL, for Link headers. */
  url: URL;
  /** The repository named by {owner}/{repo}; throws a 404 for an unknown one. */
  repo(): RepoState;
  /** Lets a handler add a contract violation the schema cannot express (e.g. payload size). */
  flag(message: string): void;
}

export type Handler = (ctx: HandlerCtx) => Reply;

/** Thrown by handlers; the server turns it into the reply. */
export class HttpError extends Error {
  readonly reply: Reply;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.reply = { status, body };
  }
}

export function notFound(): HttpError {
  return new HttpError(404, errorBody(404, "Not Found"));
}

export function unprocessable(errors: FieldError[]): HttpError {
  return new HttpError(422, validationFailed(errors));
}

export function issueOf(ctx: HandlerCtx, key = "issue_number"): IssueRec {
  const issue = ctx.repo().issue(Number(ctx.path[key]));
  if (!issue) throw notFound();
  return issue;
}

export function pullOf(ctx: HandlerCtx): IssueRec & { pull: NonNullable<IssueRec["pull"]> } {
  const issue = issueOf(ctx, "pull_number");
  if (!issue.pull) throw notFound();
  return issue as IssueRec & { pull: NonNullable<IssueRec["pull"]> };
}

/** Slices a list by `page`/`per_page` and builds GitHub's Link header (first/prev/next/last). */
export function paginate<T>(ctx: HandlerCtx, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)));
  const page = Math.max(1, Number(ctx.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.url);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(link(page - 1, "prev"));
  if (page < last) rels.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) rels.push(link(1, "first"));
  const headers: Record<string, string> = rels.length > 0 ? { link: rels.join(", ") } : {};
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

/** A query value as a string (values are already coerced to their declared types). */
export function str(v: unknown): string | undefined {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

/** Strings or `{name}`/`{login}` objects, as several endpoints accept either. */
export function names(list: unknown, key: "name" | "login"): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x: unknown) => {
    if (typeof x === "string") return [x];
    if (typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)[key] === "string") {
      return [(x as Record<string, string>)[key] ?? ""];
    }
    return [];
  });
}

/** Sorts by `key`, ties broken by `tie` (creation order), both in `direction` (default desc). */
export function sortBy<T>(items: T[], key: (t: T) => string | number, tie: (t: T) => number, direction: unknown): T[] {
  const dir = direction === "asc" ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -dir : x > y ? dir : 0);
  return [...items].sort((a, b) => cmp(key(a), key(b)) || cmp(tie(a), tie(b)));
}
