// The narrow slice of GitHub the executor uses, and its Octokit implementation. Handlers depend on
// this interface, not on Octokit; tests run it against the loopback emulator over HTTP.
import type { Octokit } from "./client.js";

export interface IssueData {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: string[];
  htmlUrl: string;
  /** Written by a bot account (the Action's own identity is one): only such issues are trusted for markers. */
  fromUs: boolean;
}

export interface IssueCreate {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface IssuePatch {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "reopened";
}

export interface CommentData {
  id: number;
  body: string;
  author: string;
  /** Written by a bot account (ours or another app): only such comments are trusted for markers. */
  fromUs: boolean;
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface GitHubPort {
  createIssue(issue: IssueCreate): Promise<IssueData>;
  updateIssue(number: number, patch: IssuePatch): Promise<IssueData>;
  getIssue(number: number): Promise<IssueData>;
  /** Open and closed issues carrying `label`, newest first, up to `limit`. */
  listIssues(label: string, limit: number): Promise<IssueData[]>;
  createComment(issue: number, body: string): Promise<{ id: number }>;
  /** Comments on an issue, oldest first (up to 100: the ones our keys live in). */
  listComments(issue: number): Promise<CommentData[]>;
  react(commentId: number, content: ReactionContent): Promise<void>;
  /** Reactions on a comment by bot accounts (ours): a 🚀 there means the comment was handled. */
  botReactions(commentId: number): Promise<ReactionContent[]>;
  /** The user's repository role (`role_name`: admin, maintain, write, triage, read or custom), null for non-collaborators. */
  role(login: string): Promise<string | null>;
  assignable(login: string): Promise<boolean>;
  dispatch(eventType: string, clientPayload: Record<string, unknown>): Promise<void>;
}

/** One entry of a 422's `errors` (GitHub's "Validation Failed" detail). */
export interface FieldError {
  resource?: string;
  field?: string;
  code?: string;
  value?: unknown;
  message?: string;
}

export class GitHubError extends Error {
  override readonly name = "GitHubError";
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
    /** For a 422: what GitHub refused, field by field. */
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }

  /** A reset, a timeout or a 5xx: the request may or may not have been applied. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export interface Repo {
  owner: string;
  repo: string;
}

type RawIssue = {
  number: number;
  user?: { login?: string; type?: string } | null;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
};

function toIssue(raw: RawIssue): IssueData {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    state: raw.state === "closed" ? "closed" : "open",
    labels: raw.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
    assignees: (raw.assignees ?? []).map((a) => a.login),
    htmlUrl: raw.html_url,
    fromUs: raw.user?.type === "Bot",
  };
}

function statusOf(e: unknown): number {
  return typeof e === "object" && e !== null && "status" in e ? Number((e).status) : 0;
}

/** Turns Octokit's RequestError into a GitHubError that says whether a re-run may succeed. */
export async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGitHubError(what, e);
  }
}

export function toGitHubError(what: string, e: unknown): GitHubError {
  if (e instanceof GitHubError) return e;
  const status = statusOf(e);
  const message = e instanceof Error ? e.message : String(e);
  const retryable = status === 0 || status >= 500 || status === 429 || (status === 403 && /rate limit/i.test(message));
  const data = typeof e === "object" && e !== null && "response" in e ? (e as { response?: { data?: { errors?: unknown } } }).response?.data : undefined;
  const fields = Array.isArray(data?.errors) ? (data.errors as unknown[]).filter((x): x is FieldError => typeof x === "object" && x !== null) : [];
  return new GitHubError(`${what} failed${status ? ` (HTTP ${status})` : ""}: ${message}`, status, retryable, fields);
}

// Creates are not idempotent: plugin-retry must not resend them blindly after a 5xx, a timeout or
// a reset (GitHub may have applied the write). The executors retry them after looking again for
// what the first attempt may have made (createOnce, github/create-once.ts).
const ONCE = { request: { retries: 0 } } as const;

export function octokitPort(octokit: Octokit, repo: Repo): GitHubPort {
  return {
    createIssue: (i) => call(`creating issue "${i.title.slice(0, 60)}"`, async () => toIssue((await octokit.rest.issues.create({ ...repo, ...i, ...ONCE })).data as RawIssue)),
    updateIssue: (number, p) =>
      call(`updating issue #${number}`, async () => {
        const { stateReason, ...rest } = p;
        return toIssue((await octokit.rest.issues.update({ ...repo, issue_number: number, ...rest, ...(stateReason ? { state_reason: stateReason } : {}) })).data);
      }),
    getIssue: (number) => call(`reading issue #${number}`, async () => toIssue((await octokit.rest.issues.get({ ...repo, issue_number: number })).data as RawIssue)),
    listIssues: (label, limit) =>
      call(`listing issues labelled ${label}`, async () => {
        const { data } = await octokit.rest.issues.listForRepo({ ...repo, labels: label, state: "all", sort: "created", direction: "desc", per_page: Math.min(100, limit) });
        return (data as RawIssue[]).map(toIssue);
      }),
    createComment: (issue, body) => call(`commenting on #${issue}`, async () => ({ id: (await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body, ...ONCE })).data.id })),
    listComments: (issue) =>
      call(`listing comments on #${issue}`, async () => {
        const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: issue, per_page: 100 });
        return data.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user?.login ?? "", fromUs: c.user?.type === "Bot" }));
      }),
    react: (commentId, content) =>
      call(`reacting to comment ${commentId}`, async () => {
        await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
      }),
    botReactions: (commentId) =>
      call(`reading reactions on comment ${commentId}`, async () => {
        const { data } = await octokit.rest.reactions.listForIssueComment({ ...repo, comment_id: commentId, per_page: 100 });
        return data.filter((r) => r.user?.type === "Bot").map((r) => r.content);
      }),
    role: (login) =>
      call(`reading ${login}'s permission`, async () => {
        try {
          const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
          // role_name is the real role; `permission` is a legacy mapping (maintain → write, triage → read).
          return data.role_name || data.permission;
        } catch (e) {
          if (statusOf(e) === 404) return null;
          throw e;
        }
      }),
    assignable: (login) =>
      call(`checking whether ${login} can be assigned`, async () => {
        try {
          await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: login });
          return true;
        } catch (e) {
          if (statusOf(e) === 404) return false;
          throw e;
        }
      }),
    dispatch: (eventType, clientPayload) =>
      call(`dispatching ${eventType}`, async () => {
        await octokit.rest.repos.createDispatchEvent({ ...repo, event_type: eventType, client_payload: clientPayload, ...ONCE });
      }),
  };
}
