// Typed store failures, and the one place that reads git's output to decide what a failure means
// (lost a race → retry from fresh data; protected branch / auth → stop and say how to fix it).

export type StoreErrorKind =
  | "protected-branch" // the remote refused the ref update by policy; retrying cannot help
  | "auth" // credentials missing or lacking write access
  | "network" // transient transport failure; the operation may be retried
  | "conflict-exhausted" // lost the race on every attempt; a re-run will re-decide from fresh data
  | "invalid-change" // a caller asked to write outside the records tree or with an unsafe message
  | "git"; // anything else git reported

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly kind: StoreErrorKind,
    readonly retryable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type GitFailure = { kind: "conflict" } | { kind: Exclude<StoreErrorKind, "conflict-exhausted" | "invalid-change">; retryable: boolean };

// Order matters: a protected-branch rejection also says "failed to push some refs", and a hook
// rejection must not be mistaken for a lost race.
const PROTECTED = [/GH006/, /GH013/, /protected branch/i, /refusing to allow/i, /pre-receive hook declined/i, /hook declined/i, /repository rule violations/i];
const AUTH = [
  /authentication failed/i,
  /could not read (username|password)/i,
  /terminal prompts disabled/i,
  /permission to \S+ denied/i,
  /permission denied \(publickey/i,
  /returned error: 40[13]/i,
  /invalid username or password/i,
  /write access to repository not granted/i,
];
const CONFLICT = [
  /\(non-fast-forward\)/,
  /\(fetch first\)/,
  /\(stale info\)/,
  /remote ref changed/i,
  /failed to update ref/i,
  /cannot lock ref/i,
  /incorrect old value/i,
  /updates were rejected because/i,
];
const NETWORK = [
  /could not resolve host/i,
  /connection (timed out|refused|reset)/i,
  /failed to connect/i,
  /operation timed out/i,
  /early eof/i,
  /rpc failed/i,
  /remote end hung up/i,
  /unexpected disconnect/i,
  /returned error: 5\d\d/i,
  /(gnutls|ssl|tls).*(error|fail)/i,
  /unable to access/i,
];

/** Classify the text (stdout + stderr) of a failed git fetch or push. */
export function classifyGitFailure(output: string): GitFailure {
  if (PROTECTED.some((r) => r.test(output))) return { kind: "protected-branch", retryable: false };
  if (AUTH.some((r) => r.test(output))) return { kind: "auth", retryable: false };
  if (CONFLICT.some((r) => r.test(output))) return { kind: "conflict" };
  if (NETWORK.some((r) => r.test(output))) return { kind: "network", retryable: true };
  return { kind: "git", retryable: false };
}

/** The StoreError for a non-conflict failure, with a message that says what to do about it. */
export function storeErrorFor(failure: Exclude<GitFailure, { kind: "conflict" }>, op: string, branch: string, output: string, cause?: unknown): StoreError {
  const detail = lastLines(output);
  switch (failure.kind) {
    case "protected-branch":
      return new StoreError(
        "protected-branch",
        false,
        `git ${op} to branch "${branch}" was rejected because the branch is protected. ` +
          `Fix: set the \`records-branch\` input to a dedicated unprotected branch such as \`incident-records\` ` +
          `(it is created on first use), or allow the GitHub Actions bot to push to "${branch}" in the branch protection / ruleset settings. ` +
          `Git said: ${detail}`,
        { cause },
      );
    case "auth":
      return new StoreError(
        "auth",
        false,
        `git ${op} failed to authenticate or lacks write access. Give the workflow \`permissions: contents: write\` ` +
          `(or pass a token that can push to "${branch}"). Git said: ${detail}`,
        { cause },
      );
    case "network":
      return new StoreError("network", true, `git ${op} failed on the network; retrying may help. Git said: ${detail}`, { cause });
    case "git":
      return new StoreError("git", failure.retryable, `git ${op} failed. Git said: ${detail}`, { cause });
  }
}

function lastLines(output: string): string {
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.slice(-6).join(" | ").slice(0, 1000);
}
