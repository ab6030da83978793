// The policy-review door: one Plan of two effects (the comment, the check run) whose decision is the
// check's, and the refusals as positioned policy errors for the validate step.
import { describe, expect, it } from "vitest";
import { compilePolicies } from "../../config/index.js";
import { policyOnCall } from "../../oncall/port.js";
import { policyFiles } from "../../../test/engine/fixtures.js";
import { moveDatabaseRoute, replayRecords } from "../../../test/replay/fixture.js";
import { CHECK_NAME, REPLAY_COMMENT_KEY } from "../../review/pull-request.js";
import { policyReviewDoor } from "./policy-review.js";

const files = policyFiles();
const base = compilePolicies(files);
const pr = { number: 42, baseRef: "main", baseSha: "a".repeat(40), headRef: "change", headSha: "b".repeat(40) };
const NOW = Date.parse("2026-03-04T18:00:00Z");
const door = (head: ReturnType<typeof compilePolicies>) => policyReviewDoor({ pr, repo: { owner: "acme", repo: "ops" }, base, head, records: replayRecords(), recordChanges: [], now: NOW, onCall: policyOnCall, policiesDir: "policies" });

describe("policyReviewDoor", () => {
  it("moving the database route: the comment and a passing check run, nothing refused", () => {
    const moved = moveDatabaseRoute({ routing: files["policies/routing.yaml"] ?? "", rotations: files["policies/oncall/rotations.yaml"] ?? "" });
    const { plan, refusals } = door(compilePolicies({ ...files, "policies/routing.yaml": moved.routing, "policies/oncall/rotations.yaml": moved.rotations }));
    expect(plan).toMatchObject({ door: "policy-review", now: "2026-03-04T18:00:00.000Z", decision: "policies-valid", incidentIds: [] });
    expect(plan.reason).toMatch(/^#42: \d+ of 8 past alerts would be handled differently; on-call differs in 1 rotation$/);
    expect(plan.effects.map((e) => e.kind)).toEqual(["pr.comment", "check.run"]);
    expect(plan.effects[0]).toMatchObject({ pr: 42, key: REPLAY_COMMENT_KEY });
    expect(plan.effects[1]).toMatchObject({ name: CHECK_NAME, headSha: pr.headSha, conclusion: "success" });
    expect(refusals).toEqual([]);
  });

  it("a rotation change that rewrites started shifts: a failing check, and an error on the rotation's line", () => {
    const text = (files["policies/oncall/rotations.yaml"] ?? "").replace("members: [dana-example, alice-example]", "members: [alice-example, dana-example]");
    const { plan, refusals } = door(compilePolicies({ ...files, "policies/oncall/rotations.yaml": text }));
    expect(plan.decision).toBe("policies-invalid");
    expect(plan.effects[1]).toMatchObject({ kind: "check.run", conclusion: "failure", title: "1 rotation change(s) would rewrite started shifts" });
    const line = text.split("\n").findIndex((l) => /^\s*database-oncall:\s*$/.test(l)) + 2; // the rotation's first field
    expect(refusals).toEqual([expect.objectContaining({ level: "error", file: "policies/oncall/rotations.yaml", line, message: expect.stringMatching(/^rotation `database-oncall`: this change rewrites a shift that had already started \(compared with the pull request's base\)/) as unknown })]);
  });
});
