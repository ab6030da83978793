// The emulator's in-memory GitHub: plain records per repository, and the few rules GitHub applies
// on writes (shared issue/PR numbers, labels auto-created, non-assignable users silently dropped).
// HTTP handlers and test seeds both mutate state through these functions.
import { createHash } from "node:crypto";

export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";
export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";
export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface UserRec { login: string; id: number; type: "User" | "Bot" | "Organization" }
export interface LabelRec { id: number; name: string; color: string; description: string | null; default: boolean }
export interface DiffEntry { filename: string; status: "added" | "removed" | "modified" | "renamed"; additions: number; deletions: number; patch?: string }
export interface PullRec {
  head: { ref: string; sha: string; label: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  maintainerCanModify: boolean;
  files: DiffEntry[];
}
export interface IssueRec {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  labels: string[];
  assignees: string[];
  user: string;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** Present when this issue number is a pull request. */
  pull?: PullRec;
}
export interface CommentRec { id: number; issueNumber: number; body: string; user: string; createdAt: string; updatedAt: string }
export interface ReactionRec { id: number; subject: "issue" | "comment"; subjectId: number; content: ReactionContent; user: string; createdAt: string }
export interface ReviewRec { id: number; pullNumber: number; user: string; state: ReviewState; body: string; submittedAt: string; commitId: string }
export interface StatusRec { id: number; sha: string; state: string; targetUrl: string | null; description: string | null; context: string; creator: string; createdAt: string }
export interface CheckRunRec {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
}
export interface DispatchRec { eventType: string; clientPayload: Record<string, unknown>; user: string; at: string }
export interface WorkflowDispatchRec { workflowId: string | number; ref: string; inputs: Record<string, unknown>; user: string; at: string; runId: number }

/** One repository's state. Arrays are in creation order; read them freely in tests. */
export class RepoState {
  readonly issues: IssueRec[] = [];
  readonly comments: CommentRec[] = [];
  readonly labels: LabelRec[] = [];
  readonly reactions: ReactionRec[] = [];
  readonly reviews: ReviewRec[] = [];
  readonly statuses: StatusRec[] = [];
  readonly checkRuns: CheckRunRec[] = [];
  readonly dispatches: DispatchRec[] = [];
  readonly workflowDispatches: WorkflowDispatchRec[] = [];

  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly defaultBranch: string;
  readonly createdAt: string;

  // No parameter properties: the module must stay runnable with Node's type stripping.
  constructor(init: { owner: string; name: string; id: number; defaultBranch: string; createdAt: string }) {
    this.owner = init.owner;
    this.name = init.name;
    this.id = init.id;
    this.defaultBranch = init.defaultBranch;
    this.createdAt = init.createdAt;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }
  /** Issues that are pull requests (same numbering as issues, like GitHub). */
  get pulls(): IssueRec[] {
    return this.issues.filter((i) => i.pull);
  }
  issue(n: number): IssueRec | undefined {
    return this.issues.find((i) => i.number === n);
  }
  label(name: string): LabelRec | undefined {
    const lower = name.toLowerCase();
    return this.labels.find((l) => l.name.toLowerCase() === lower);
  }
  comment(id: number): CommentRec | undefined {
    return this.comments.find((c) => c.id === id);
  }
}

export const GITHUB_ACTIONS_BOT: UserRec = { login: "github-actions[bot]", id: 41898282, type: "Bot" };

export interface WorldOptions {
  repos: string[];
  users: Record<string, Role>;
  defaultBranch: string;
  now: () => Date;
  /** Primary rate limit for the `core` resource (GitHub: 1,000/hour for GITHUB_TOKEN). */
  coreLimit: number;
}

export interface RateCounter { limit: number; used: number; reset: number }

/** Everything the emulator knows: repositories, users and their roles, id counters and the clock. */
export class World {
  readonly repos = new Map<string, RepoState>();
  readonly roles = new Map<string, Role>();
  private readonly users = new Map<string, UserRec>();
  private lastId = 1000;
  /** Requests counted against the primary rate limits; `reset` is epoch seconds. */
  readonly rate: { core: RateCounter; search: RateCounter };
  private readonly options: WorldOptions;

  constructor(options: WorldOptions) {
    this.options = options;
    const reset = Math.floor(options.now().getTime() / 1000) + 3600;
    this.rate = { core: { limit: options.coreLimit, used: 0, reset }, search: { limit: 30, used: 0, reset } };
    for (const [login, role] of Object.entries(options.users)) this.roles.set(login, role);
    for (const full of options.repos) this.addRepo(full);
  }

  addRepo(full: string, defaultBranch = this.options.defaultBranch): RepoState {
    const [owner, name] = full.split("/");
    if (!owner || !name) throw new Error(`repository must be "owner/name", got "${full}"`);
    const repo = new RepoState({ owner, name, id: this.nextId(), defaultBranch, createdAt: this.timestamp() });
    this.repos.set(full.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** GitHub's timestamp shape: ISO 8601 in UTC without milliseconds. */
  timestamp(): string {
    return this.options.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** A stable 40-hex sha derived from a seed. */
  sha(seed: string): string {
    return createHash("sha1").update(seed).digest("hex");
  }

  user(login: string): UserRec {
    if (login === GITHUB_ACTIONS_BOT.login) return GITHUB_ACTIONS_BOT;
    let u = this.users.get(login);
    if (!u) {
      const id = Number.parseInt(this.sha(`user:${login}`).slice(0, 7), 16);
      u = { login, id, type: login.endsWith("[bot]") ? "Bot" : "User" };
      this.users.set(login, u);
    }
    return u;
  }

  /** A collaborator's role; `none` for everybody else. */
  role(login: string): Role {
    return this.roles.get(login) ?? "none";
  }

  /** GitHub silently drops assignees who cannot be assigned; here: anyone with a role. */
  assignable(logins: string[]): string[] {
    return [...new Set(logins)].filter((l) => this.role(l) !== "none");
  }

  /** Labels by name, creating unknown ones like GitHub does when they are put on an issue. */
  ensureLabels(repo: RepoState, names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      const label = repo.label(name) ?? this.createLabel(repo, { name });
      if (!out.includes(label.name)) out.push(label.name);
    }
    return out;
  }

  createLabel(repo: RepoState, input: { name: string; color?: string; description?: string | null }): LabelRec {
    const label: LabelRec = {
      id: this.nextId(),
      name: input.name,
      color: (input.color ?? "ededed").replace(/^#/, "").toLowerCase(),
      description: input.description ?? null,
      default: false,
    };
    repo.labels.push(label);
    return label;
  }

  createIssue(
    repo: RepoState,
    input: { title: string; body?: string | null; labels?: string[]; assignees?: string[]; user: string; pull?: PullRec },
  ): IssueRec {
    const at = this.timestamp();
    const issue: IssueRec = {
      id: this.nextId(),
      number: repo.issues.length + 1,
      title: input.title,
      body: input.body ?? null,
      state: "open",
      stateReason: null,
      labels: this.ensureLabels(repo, input.labels ?? []),
      assignees: this.assignable(input.assignees ?? []),
      user: input.user,
      locked: false,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
      ...(input.pull ? { pull: input.pull } : {}),
    };
    repo.issues.push(issue);
    return issue;
  }

  setState(issue: IssueRec, state: "open" | "closed", by: string, reason?: IssueRec["stateReason"]): void {
    if (issue.state === state) return;
    issue.state = state;
    if (state === "closed") {
      issue.closedAt = this.timestamp();
      issue.closedBy = by;
      issue.stateReason = reason ?? "completed";
    } else {
      issue.closedAt = null;
      issue.stateReason = "reopened";
    }
  }

  addComment(repo: RepoState, issue: IssueRec, body: string, user: string): CommentRec {
    const at = this.timestamp();
    const comment: CommentRec = { id: this.nextId(), issueNumber: issue.number, body, user, createdAt: at, updatedAt: at };
    repo.comments.push(comment);
    issue.updatedAt = at;
    return comment;
  }

  newPull(repo: RepoState, head: string, base: string, draft: boolean): PullRec {
    const ref = head.includes(":") ? head.slice(head.indexOf(":") + 1) : head;
    const label = head.includes(":") ? head : `${repo.owner}:${head}`;
    return {
      head: { ref, label, sha: this.sha(`head:${repo.fullName}:${ref}:${this.nextId()}`) },
      base: { ref: base, sha: this.sha(`base:${repo.fullName}:${base}`) },
      draft,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      requestedReviewers: [],
      requestedTeams: [],
      maintainerCanModify: false,
      files: [],
    };
  }

  addReview(repo: RepoState, pull: IssueRec, input: { user: string; state: ReviewState; body?: string }): ReviewRec {
    const review: ReviewRec = {
      id: this.nextId(),
      pullNumber: pull.number,
      user: input.user,
      state: input.state,
      body: input.body ?? "",
      submittedAt: this.timestamp(),
      commitId: pull.pull?.head.sha ?? this.sha("none"),
    };
    repo.reviews.push(review);
    // A submitted review satisfies that reviewer's request, as on GitHub.
    if (pull.pull) pull.pull.requestedReviewers = pull.pull.requestedReviewers.filter((r) => r !== input.user);
    return review;
  }
}
