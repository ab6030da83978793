import { describe, expect, it } from "vitest";
import { evaluateGate, requiredReviewers, type Review } from "./gate.js";
import { policies, resolvedP1 } from "./testing.js";

// P1 on `api`: commander frank-example + owners alice-example, bob-example; 1 approval needed.
const record = resolvedP1({ links: { issue: 42, postmortemPr: 7, postmortemPath: "postmortems/x.md", openedBy: null } });
const clean = { problems: [] };
const pr = { number: 7, labels: ["postmortem"] };
const review = (user: string, state: Review["state"], minute: number): Review => ({ user, state, submittedAt: `2026-11-28T10:${String(minute).padStart(2, "0")}:00Z` });
const gate = (reviews: Review[], over: Partial<Parameters<typeof evaluateGate>[0]> = {}) => evaluateGate({ record, policies, reviews, lint: clean, headSha: "abc123", pr, ...over });

describe("evaluateGate", () => {
  it("requires the commander and the service owners", () => {
    expect(requiredReviewers(record, policies)).toEqual(["frank-example", "alice-example", "bob-example"]);
  });

  it.each<[string, Review[], boolean, string[]]>([
    ["no reviews", [], false, ["1 more approval from required reviewers (frank-example, alice-example, bob-example); 1 needed for P1"]],
    ["an approval from a required reviewer", [review("Alice-Example", "APPROVED", 1)], true, []],
    ["an approval from someone not required", [review("mallory", "APPROVED", 1)], false, ["1 more approval from required reviewers (frank-example, alice-example, bob-example); 1 needed for P1"]],
    ["an approval, then its dismissal", [review("alice-example", "APPROVED", 1), review("alice-example", "DISMISSED", 2)], false, ["1 more approval from required reviewers (frank-example, alice-example, bob-example); 1 needed for P1"]],
    ["changes requested, then approved by the same user", [review("bob-example", "CHANGES_REQUESTED", 1), review("bob-example", "APPROVED", 2)], true, []],
    ["approved, then changes requested by the same user", [review("bob-example", "APPROVED", 1), review("bob-example", "CHANGES_REQUESTED", 2)], false, ["bob-example requested changes", "1 more approval from required reviewers (frank-example, alice-example); 1 needed for P1"]],
    ["an approval, then a plain comment", [review("alice-example", "APPROVED", 1), review("alice-example", "COMMENTED", 2)], true, []],
    ["one approval and changes requested by another required reviewer", [review("alice-example", "APPROVED", 1), review("frank-example", "CHANGES_REQUESTED", 2)], false, ["frank-example requested changes"]],
    ["reviews out of order in the input", [review("alice-example", "DISMISSED", 3), review("alice-example", "APPROVED", 1)], false, ["1 more approval from required reviewers (frank-example, alice-example, bob-example); 1 needed for P1"]],
  ])("%s", (_name, reviews, passed, missing) => {
    expect(gate(reviews)).toMatchObject({ passed, missing });
  });

  it("goes green with a status, an all-clear comment and the label, keeping the PR's labels", () => {
    const { effects } = gate([review("alice-example", "APPROVED", 1)]);
    expect(effects).toEqual([
      { kind: "status.set", sha: "abc123", state: "success", context: "incident-as-code/postmortem", description: "Lint clean; 1/1 required approvals", reason: "post-mortem review gate" },
      { kind: "pr.comment", pr: 7, key: "postmortem-gate", body: expect.stringContaining("All clear") as string, reason: "post-mortem review gate" },
      { kind: "pr.labels", pr: 7, labels: ["postmortem", "postmortem:approved"], reason: "post-mortem gate passed" },
    ]);
  });

  it("goes red saying who is needed, ignores outsiders' approvals, and removes a stale label", () => {
    const result = gate([review("mallory", "APPROVED", 1)], { lint: { problems: [{ line: 40, message: 'required section "Root Cause" is missing' }] }, pr: { number: 7, labels: ["postmortem", "postmortem:approved"] } });
    expect(result.missing).toEqual(['post-mortem line 40: required section "Root Cause" is missing', "1 more approval from required reviewers (frank-example, alice-example, bob-example); 1 needed for P1"]);
    const [status, comment, label] = result.effects;
    expect(status).toEqual({ kind: "status.set", sha: "abc123", state: "failure", context: "incident-as-code/postmortem", description: '2 things missing: post-mortem line 40: required section "Root Cause" is missing', reason: "post-mortem review gate" });
    expect(comment).toEqual({
      kind: "pr.comment",
      pr: 7,
      key: "postmortem-gate",
      body: [
        "### Post-mortem review gate: ❌ not yet",
        "",
        "Required reviewers: @\u200Bfrank-example, @\u200Balice-example, @\u200Bbob-example. Approvals: 0 of 1 needed for P1 (nobody).",
        "",
        "Still missing:",
        "",
        '- post-mortem line 40: required section "Root Cause" is missing',
        "- 1 more approval from required reviewers \\(frank-example, alice-example, bob-example\\); 1 needed for P1",
        "",
        "Approvals that do not count (not required reviewers): @\u200Bmallory.",
      ].join("\n"),
      reason: "post-mortem review gate",
    });
    expect(label).toEqual({ kind: "pr.labels", pr: 7, labels: ["postmortem"], reason: "post-mortem gate no longer passes" });
  });

  it("keeps the status description within 140 characters", () => {
    const long = { problems: [{ line: 1, message: "x".repeat(500) }] };
    const status = gate([], { lint: long }).effects[0];
    expect(status?.kind === "status.set" && status.description.length).toBe(140);
  });

  it("needs two approvals for a P0, and counts a team approval through its members", () => {
    const teamPolicies = { ...policies, postmortem: { ...policies.postmortem, reviewers: { ...policies.postmortem.reviewers, extra: ["@acme/sre"] } } };
    const p0 = { ...record, severity: "P0" as const };
    const run = (reviews: Review[], teamMembers?: Record<string, string[]>) => evaluateGate({ record: p0, policies: teamPolicies, reviews, lint: clean, headSha: "abc", pr, ...(teamMembers ? { teamMembers } : {}) });
    expect(run([review("alice-example", "APPROVED", 1)]).missing).toEqual(["1 more approval from required reviewers (frank-example, bob-example, @acme/sre); 2 needed for P0"]);
    expect(run([review("alice-example", "APPROVED", 1), review("sam", "APPROVED", 2)]).passed).toBe(false);
    expect(run([review("alice-example", "APPROVED", 1), review("sam", "APPROVED", 2)], { "@acme/sre": ["sam"] }).passed).toBe(true);
  });
});
