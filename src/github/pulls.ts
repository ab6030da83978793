// The slice of GitHub's pull-request API the post-mortem flow uses, and its Octokit implementation.
import type { Octokit } from "./client.js";
import type { Repo } from "./port.js";

export interface PullData {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  mergedBy: string | null;
  headRef: string;
  headSha: string;
  labels: string[];
  body: string;
  htmlUrl: string;
}

export interface PullsPort {
  /** Implemented with the post-mortem flow. */
  get(number: number): Promise<PullData>;
}

export function octokitPulls(_octokit: Octokit, _repo: Repo): PullsPort {
  return {
    get: () => Promise.reject(new Error("pull requests are not wired yet")),
  };
}
