import { describe, expect, it } from "vitest";
import { classifyGitFailure } from "./errors.js";
import { commitMessage, SAFE_MESSAGE } from "./commit-message.js";

describe("classifyGitFailure", () => {
  it.each([
    ["To github.com:o/r.git\n!\tHEAD:refs/heads/main\t[rejected] (fetch first)\nerror: failed to push some refs", { kind: "conflict" }],
    ["!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)", { kind: "conflict" }],
    ["!\tHEAD:refs/heads/main\t[remote rejected] (failed to update ref)", { kind: "conflict" }],
    ["remote: error: cannot lock ref 'refs/heads/main': is at abc but expected def", { kind: "conflict" }],
    ["remote: error: GH006: Protected branch update failed for refs/heads/main.\n!\t[remote rejected] (protected branch hook declined)", { kind: "protected-branch", retryable: false }],
    ["remote: error: GH013: Repository rule violations found for refs/heads/main.", { kind: "protected-branch", retryable: false }],
    ["!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)", { kind: "protected-branch", retryable: false }],
    ["remote: refusing to allow a GitHub App to create or update workflow", { kind: "protected-branch", retryable: false }],
    ["remote: Permission to o/r.git denied to github-actions[bot].\nfatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 403", { kind: "auth", retryable: false }],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", { kind: "auth", retryable: false }],
    ["fatal: Authentication failed for 'https://github.com/o/r/'", { kind: "auth", retryable: false }],
    ["fatal: unable to access 'https://github.com/o/r/': Could not resolve host: github.com", { kind: "network", retryable: true }],
    ["error: RPC failed; HTTP 502 curl 22 The requested URL returned error: 502", { kind: "network", retryable: true }],
    ["fatal: the remote end hung up unexpectedly", { kind: "network", retryable: true }],
    ["fatal: not a git repository", { kind: "git", retryable: false }],
  ])("%s", (output, expected) => {
    expect(classifyGitFailure(output)).toEqual(expected);
  });
});

describe("commitMessage", () => {
  it("builds messages from safe fields only", () => {
    expect(commitMessage({ id: "2026-11-27-001", action: "open", severity: "P1", service: "api" })).toBe("incident 2026-11-27-001: open P1 api");
    expect(commitMessage({ id: "2026-11-27-001", action: "alert", service: "fixes #12 @org/team $(id)" })).toBe("incident 2026-11-27-001: alert");
    expect(commitMessage({ id: "2026-11-27-001", action: "alert", severity: "P9" as "P1" })).toBe("incident 2026-11-27-001: alert");
    expect(() => commitMessage({ id: "fixes #1", action: "open" })).toThrow(/not an incident id/);
  });

  it("joins several subjects and keeps the message safe", () => {
    const ids = ["001", "002", "003", "004", "005"].map((n) => ({ id: `2026-11-27-${n}`, action: "escalate" as const, severity: "P0" as const, service: "a".repeat(40) }));
    const m = commitMessage(ids);
    expect(m).toMatch(/^incident 2026-11-27-001: escalate P0 a+; 2026-11-27-002: .* \(\+2 more\)$/);
    expect(SAFE_MESSAGE.test(m)).toBe(true);
  });
});
