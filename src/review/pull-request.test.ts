import { describe, expect, it } from "vitest";
import { compilePolicies } from "../config/index.js";
import { policyOnCall } from "../oncall/port.js";
import { correctTimestamps } from "../incident/corrections.js";
import { policyFiles } from "../../test/engine/fixtures.js";
import { DATABASE_ALERTS, moveDatabaseRoute, replayRecords } from "../../test/replay/fixture.js";
import { CHECK_NAME, REPLAY_COMMENT_KEY, reviewPullRequest, type PolicyReviewInput } from "./pull-request.js";

const files = policyFiles();
const base = compilePolicies(files);
const moved = moveDatabaseRoute({ routing: files["policies/routing.yaml"] ?? "", rotations: files["policies/oncall/rotations.yaml"] ?? "" });
const head = compilePolicies({ ...files, "policies/routing.yaml": moved.routing, "policies/oncall/rotations.yaml": moved.rotations });
const records = replayRecords();
const pr = { number: 42, baseRef: "main", baseSha: "a".repeat(40), headRef: "move-db", headSha: "b".repeat(40) };
const input = (over: Partial<PolicyReviewInput> = {}): PolicyReviewInput => ({ pr, repo: { owner: "acme", repo: "ops" }, base, head, records, recordChanges: [], now: Date.parse("2026-03-04T18:00:00Z"), onCall: policyOnCall, ...over });

describe("reviewPullRequest", () => {
  it("comments the replay once per pull request and passes the check", () => {
    const r = reviewPullRequest(input());
    expect(r.comment).toMatchObject({ kind: "pr.comment", pr: 42, key: REPLAY_COMMENT_KEY });
    expect(r.comment.body).toContain(`**${DATABASE_ALERTS} of 8 past alerts would be handled differently; on-call differs in 1 rotation.**`);
    expect(r.comment.body).toContain("[2026-02-02-001](https://github.com/acme/ops/issues/100)");
    expect(r.check).toMatchObject({ kind: "check.run", name: CHECK_NAME, headSha: "b".repeat(40), conclusion: "success", title: `${DATABASE_ALERTS} of 8 past alerts would be handled differently; on-call differs in 1 rotation` });
    // The check run shows the same report; the executor adds the comment's marker, so neither has one here.
    expect(r.check.summary).toBe(r.comment.body);
    expect(r.comment.body).not.toContain("<!-- incident-as-code:");
    // Alert text cannot mention anyone or forge a marker.
    expect(r.comment.body).not.toMatch(/(^|[^\u200B])@everyone/);
  });

  it("fails the check when the head's policies do not load, saying why, with nothing replayed", () => {
    const broken = compilePolicies({ ...files, "policies/routing.yaml": "route: [" });
    const r = reviewPullRequest(input({ head: broken }));
    expect(r.report).toBeNull();
    expect(r.check.conclusion).toBe("failure");
    expect(r.check.title).toMatch(/^the policies have \d+ error\(s\)$/);
    expect(r.comment.body).toMatch(/The head policies do not load \(\d+ error\(s\)\), so nothing was replayed:\n\n- `policies\/routing\.yaml:1:\d+`/);
  });

  it("fails the check for a rotation change that rewrites started shifts", () => {
    const swapped = compilePolicies({ ...files, "policies/oncall/rotations.yaml": (files["policies/oncall/rotations.yaml"] ?? "").replace("members: [dana-example, alice-example]", "members: [alice-example, dana-example]") });
    const r = reviewPullRequest(input({ head: swapped }));
    expect(r.check.conclusion).toBe("failure");
    expect(r.check.title).toBe("1 rotation change(s) would rewrite started shifts");
    expect(r.comment.body).toMatch(/#### Rotation changes refused\n\n- rotation \\`database-oncall\\`: this change rewrites a shift/);
  });

  it("shows record corrections, and fails a timestamp moved without one", () => {
    const before = records[0]!;
    const corrected = correctTimestamps(before, { started: "2026-02-02T08:40:00Z" }, "dana-example", "deploy at 08:40", "2026-03-04T18:00:00.000Z");
    const ok = reviewPullRequest(input({ recordChanges: [{ before, after: corrected }] }));
    expect(ok.check.conclusion).toBe("success");
    expect(ok.comment.body).toContain("- corrected: 2026-02-02-001: timestamps.started corrected from 2026-02-02T09:00:00.000Z to 2026-02-02T08:40:00.000Z: deploy at 08:40");
    const sneaky = { ...before, timestamps: { ...before.timestamps, detected: "2026-02-02T09:30:00.000Z" } };
    const refused = reviewPullRequest(input({ recordChanges: [{ before, after: sneaky }, { before: null, after: before }] }));
    expect(refused.check.conclusion).toBe("failure");
    expect(refused.check.title).toBe("1 record change(s) lack a correction entry");
  });
});
