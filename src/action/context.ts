// What every handler gets: the ports (GitHub, the records store), the loaded policies, the clock,
// and who this run is. The entry builds it once; tests build it around the emulator and a bare repo.
import type { Policies } from "../config/types.js";
import type { Plan } from "../engine/plan.js";
import type { GitHubPort, Repo } from "../github/port.js";
import type { PullsPort } from "../github/pulls.js";
import type { ReviewPort } from "../github/review.js";
import type { RecordStore } from "../store/git.js";
import type { TransactOptions } from "../store/transaction.js";

export interface RunContext {
  github: GitHubPort;
  /** Pull requests; made with the App token when one is given, so post-mortem PRs get CI runs. */
  pulls: PullsPort;
  /** The review effects' slice of GitHub (src/github/review.ts), with the same token as `pulls`. */
  review?: ReviewPort;
  /** The checkout the Action runs in (the records live in a separate worktree of it). */
  workspace: string;
  store: RecordStore;
  policies: Policies;
  repo: Repo;
  now: () => Date;
  /** GITHUB_RUN_ID: the same across re-runs of one workflow run, so a re-run can finish its own claims. */
  runId: string;
  dryRun: boolean;
  /** A claim older than this without an issue is taken over (its run died). */
  claimTimeoutMs: number;
  transactOptions?: TransactOptions;
  log: (message: string) => void;
}

export interface RunResult {
  decision: string;
  reason: string;
  incidentIds: string[];
  plan?: Plan;
  issues?: Record<string, number>;
}
