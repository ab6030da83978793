// Test set-up helpers: put state in place as if a human had done it on github.com (open an issue,
// comment, open a pull request, submit a review) without going through HTTP or being recorded.
import type { CommentRec, DiffEntry, IssueRec, LabelRec, RepoState, ReviewRec, ReviewState, World } from "./state.js";

interface InRepo {
  /** "owner/name"; default the emulator's first repository. */
  repo?: string;
}

export interface Seeds {
  label(input: InRepo & { name: string; color?: string; description?: string | null }): LabelRec;
  issue(input: InRepo & { title: string; body?: string; labels?: string[]; assignees?: string[]; user?: string; state?: "open" | "closed" }): IssueRec;
  comment(input: InRepo & { issue: number; body: string; user?: string }): CommentRec;
  pull(input: InRepo & { title: string; head: string; base?: string; body?: string; user?: string; draft?: boolean; labels?: string[]; files?: DiffEntry[] }): IssueRec;
  review(input: InRepo & { pull: number; user: string; state?: ReviewState; body?: string }): ReviewRec;
}

export function makeSeeds(world: World, first: RepoState, defaultUser: string): Seeds {
  const repoOf = (input: InRepo): RepoState => {
    if (!input.repo) return first;
    const [owner = "", name = ""] = input.repo.split("/");
    const r = world.repo(owner, name);
    if (!r) throw new Error(`seed: unknown repository ${input.repo}`);
    return r;
  };
  const issueOf = (repo: RepoState, n: number): IssueRec => {
    const issue = repo.issue(n);
    if (!issue) throw new Error(`seed: no issue #${n} in ${repo.fullName}`);
    return issue;
  };
  return {
    label: (input) => {
      const repo = repoOf(input);
      return repo.label(input.name) ?? world.createLabel(repo, input);
    },
    issue: (input) => {
      const repo = repoOf(input);
      const user = input.user ?? defaultUser;
      const issue = world.createIssue(repo, { ...input, user });
      if (input.state === "closed") world.setState(issue, "closed", user);
      return issue;
    },
    comment: (input) => {
      const repo = repoOf(input);
      return world.addComment(repo, issueOf(repo, input.issue), input.body, input.user ?? defaultUser);
    },
    pull: (input) => {
      const repo = repoOf(input);
      const pull = world.newPull(repo, input.head, input.base ?? repo.defaultBranch, input.draft === true);
      pull.files = input.files ?? [];
      const { labels = [], title, body } = input;
      return world.createIssue(repo, { title, body: body ?? null, labels, user: input.user ?? defaultUser, pull });
    },
    review: (input) => {
      const repo = repoOf(input);
      const pull = issueOf(repo, input.pull);
      if (!pull.pull) throw new Error(`seed: #${input.pull} is not a pull request`);
      return world.addReview(repo, pull, { user: input.user, state: input.state ?? "APPROVED", ...(input.body !== undefined ? { body: input.body } : {}) });
    },
  };
}
