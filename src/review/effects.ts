// What the review decisions ask GitHub and git to do, as plain data (the Plan's vocabulary: one
// effect per write, each with the reason the job summary shows). The pure functions beside this
// file return them; the shell executes them (src/action/review/), each idempotently: a comment is
// found again by its key, a check run is one per head commit, a branch is never force-pushed.

/** One comment per pull request and key, created or edited in place (the executor adds the key's hidden marker). */
export interface PullComment {
  kind: "pr.comment";
  pr: number;
  key: string;
  body: string;
  reason: string;
}

/**
 * A completed check run on `headSha` (GitHub's Checks API: `name`, `conclusion`, `output.title`
 * and `output.summary`, the summary at most 65,535 bytes). A re-run adds a run with the same name,
 * and GitHub shows the latest per name.
 */
export interface CheckRun {
  kind: "check.run";
  name: string;
  headSha: string;
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  reason: string;
}

/**
 * Commit `deletions` (repository paths) to `branch`: on top of its tip when it exists, else on a
 * new branch from the tip of `base`. Never forces; paths the branch no longer has are skipped.
 */
export interface BranchCommit {
  kind: "branch.commit";
  branch: string;
  base: string;
  deletions: string[];
  message: string;
  reason: string;
}

/** The open pull request from `branch` into `base` gets this title and body; one is opened when none is open. */
export interface PullUpsert {
  kind: "pr.upsert";
  branch: string;
  base: string;
  title: string;
  body: string;
  reason: string;
}

export type ReviewEffect = PullComment | CheckRun | BranchCommit | PullUpsert;
