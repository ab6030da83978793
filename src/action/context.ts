// What every step of a run gets: the ports (GitHub, the records store, notifications), the loaded
// policies, the run's one clock reading, and who this run is. The entry builds it once; tests build
// it around the emulator and a bare repository.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { CreateOnceOptions } from "../github/create-once.js";
import type { GitHubPort, Repo } from "../github/port.js";
import type { PullsPort } from "../github/pulls.js";
import type { NotifyPort } from "../notify/executor.js";
import type { GitStore } from "../store/git.js";
import type { TransactOptions } from "../store/transaction.js";

export interface RunContext {
  github: GitHubPort;
  /** Pull requests; made with the App token when one is given, so post-mortem PRs get CI runs. */
  pulls: PullsPort;
  store: GitStore;
  /** The branch the policies were read from (the repository's default branch); default: the records branch. */
  policiesBranch?: string;
  policies: Policies;
  onCall: OnCall;
  repo: Repo;
  /** The run's one clock reading (ISO, UTC). */
  now: string;
  /** GITHUB_RUN_ID: the same across re-runs of one workflow run, so a re-run can finish its own claims. */
  runId: string;
  /** The run's random seed (claim keys). */
  seed: string;
  dryRun: boolean;
  /** A claim (or a pending delivery) older than this is taken over by the backstop: its run died. */
  staleAfterMs: number;
  /** Notification senders (secrets from the environment). */
  notify: NotifyPort;
  transactOptions?: TransactOptions;
  createOptions?: CreateOnceOptions;
  log: (message: string) => void;
}
