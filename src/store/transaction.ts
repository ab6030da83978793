// Git as the lock: read the records at the remote tip, let `fn` decide, push; if the push loses a
// race, throw the decision away and run `fn` again on the fresh tip (a new snapshot: every record
// is read and checked again, once). Never a textual rebase: two
// runs that both "create the incident for group X" must see each other's result and re-decide.
import type { CommitMessage } from "./commit-message.js";
import { StoreError } from "./errors.js";
import type { FileChange, PushOutcome, RecordStore } from "./git.js";
import { recordSource, type RecordSource, type Unreadable } from "./records.js";

/** What one attempt decided: the files to commit (none: nothing to commit), the message, the result. */
export interface Attempt<R> {
  changes: FileChange[];
  message: CommitMessage;
  result: R;
}

/** Decides from the records of a fresh snapshot; reads only what it needs through `source`. */
export type DecideFn<R> = (source: RecordSource) => Promise<Attempt<R>> | Attempt<R>;

export interface TransactOptions {
  maxAttempts?: number; // default 8
  baseDelayMs?: number; // default 100; the backoff slot is max(base, duration of the lost attempt)
  maxDelayMs?: number; // default 10000, or 8 lost attempts when attempts are slower than that
  sleep?: (ms: number) => Promise<void>;
  random?: () => number; // [0, 1)
  clock?: () => number; // milliseconds, for measuring attempts
}

export interface Transacted<R> {
  result: R; // from the attempt that landed
  outcome: Exclude<PushOutcome, "conflict">;
  attempts: number;
  unreadable: Unreadable[]; // as seen by the attempt that landed
}

export const DEFAULT_MAX_ATTEMPTS = 8;
/** The backoff window's cap is at least this many lost attempts long. */
const SLOTS_AT_CAP = 8;

export async function transact<R>(store: RecordStore, fn: DecideFn<R>, options: TransactOptions = {}): Promise<Transacted<R>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const clock = options.clock ?? (() => performance.now());
  let last: unknown;
  let slot = base;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // Full jitter over a window that doubles per attempt. Its unit is the length of the attempt we
    // just lost, not a constant: two runs collide when their sync→push windows overlap, so spreading
    // them by multiples of that window is what actually separates them (on a runner a push takes
    // ~1 s; in a test on a loaded machine, tens of seconds; in a quiet local test, 50 ms). For the
    // same reason the cap never falls below eight lost attempts: a fixed cap shorter than one
    // attempt (a busy runner, a loaded machine) would keep every racer colliding until it gives up.
    if (attempt > 1) await sleep(Math.floor(random() * Math.min(Math.max(cap, SLOTS_AT_CAP * slot), slot * 2 ** (attempt - 1))));
    const started = clock();
    try {
      await store.sync();
      const source = recordSource(store);
      const decided = await fn(source);
      const unreadable = source.unreadable;
      if (decided.changes.length === 0) return { result: decided.result, outcome: "nothing-to-commit", attempts: attempt, unreadable };
      const outcome = await store.commitAndPush(decided.changes, decided.message);
      if (outcome !== "conflict") return { result: decided.result, outcome, attempts: attempt, unreadable };
      last = "conflict";
      slot = Math.max(base, clock() - started);
    } catch (e) {
      // A transient network failure is retried like a lost race: the push may even have landed, and
      // the next attempt's fn sees that on the fresh tip (fn must be idempotent on its own writes).
      if (!(e instanceof StoreError && e.retryable && e.kind === "network")) throw e;
      last = e;
    }
  }
  throw new StoreError(
    last === "conflict" ? "conflict-exhausted" : "network",
    true,
    last === "conflict"
      ? `gave up after ${maxAttempts} attempts: other runs kept updating the records branch first. Re-running decides again from the latest records.`
      : `gave up after ${maxAttempts} attempts: ${last instanceof Error ? last.message : String(last)}`,
    { cause: last },
  );
}
