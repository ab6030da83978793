// Every effect belongs to one port, and each port's executor takes only its own effects.
import { describe, expect, it } from "vitest";
import { issuesExecutor } from "../github/issues-executor.js";
import type { GitHubPort } from "../github/port.js";
import { isIssueEffect, isNotifyEffect, isPullEffect, isRecordEffect, isRunnerEffect, portOf, type Effect, type EffectKind } from "./effects.js";
import { newLog } from "./log.js";
import { orderEffects } from "./order.js";

const KINDS: EffectKind[] = ["record.write", "file.write", "record.settle", "issue.create", "issue.update", "issue.comment", "comment.react", "action-item.create", "branch.create", "pr.create", "pr.comment", "pr.labels", "status.set", "check.run", "branch.commit", "pr.upsert", "timer.arm", "runner.dispatch", "postmortem.start", "notify.send"];
const of = (kind: EffectKind) => ({ kind }) as Effect;

describe("ports", () => {
  it.each(KINDS)("%s belongs to exactly one port", (kind) => {
    const e = of(kind);
    expect([isRecordEffect(e), isIssueEffect(e), isPullEffect(e), isRunnerEffect(e), isNotifyEffect(e)].filter(Boolean)).toHaveLength(1);
    expect(portOf(e)).toMatch(/^(records|issues|pulls|runner|notify)$/);
  });

  it("a pull-request effect cannot reach the issue executor (a type error)", () => {
    const executor = issuesExecutor({} as GitHubPort, newLog());
    // @ts-expect-error — pr.create is a PullEffect, not an IssueEffect
    const wrong = () => executor.execute({ kind: "pr.create", incidentId: "x", branch: "b", title: "t", body: "b", reviewers: [], teamReviewers: [], reason: "r" });
    expect(typeof wrong).toBe("function");
  });

  it("orders a Plan by phase, keeping each phase's own order", () => {
    const plan = ["record.settle", "timer.arm", "notify.send", "comment.react", "issue.update", "record.write"].map((k) => of(k as EffectKind));
    expect(orderEffects(plan).map((e) => e.kind)).toEqual(["record.write", "comment.react", "issue.update", "notify.send", "timer.arm", "record.settle"]);
  });
});
