// The backstop and silences that ended: it tells each open incident a silence covered, once (a note
// in the record and a comment on the issue, in the same write as anything else it heals), and asks
// for one pull request that removes the expired silence files — not again once people declined it.
import { describe, expect, it } from "vitest";
import { compilePolicies } from "../../config/index.js";
import type { Policies } from "../../config/types.js";
import type { Effect } from "../../plan/effects.js";
import { CLEANUP_BRANCH, type CleanupState } from "../../review/silence-expiry.js";
import { policyFiles, testOnCall } from "../../../test/engine/fixtures.js";
import { at, investigating } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { backstopDoor } from "./backstop.js";

const ID = "2026-12-01-001";
const FILE = "policies/silences/gateway-deploy.yaml";
const silenced: Policies = (() => {
  const r = compilePolicies({ ...policyFiles(), [FILE]: `matchers: '{alertname="HighErrorRate"}'\nstarts: 2026-12-01T16:00:00Z\nends: ${at("+20m")}\nowner: dana-example\nreason: gateway deploy\n` });
  if (!r.policies) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.policies;
})();
const OPEN: CleanupState = { base: "main", openPr: null, declined: [] };
const run = (records: IncidentRecord[], now: string, cleanup?: CleanupState) =>
  backstopDoor({ records: new Map(records.map((r) => [r.id, r])), policies: silenced, onCall: testOnCall(silenced), now, staleAfterMs: 10 * 60_000, ...(cleanup ? { silenceCleanup: cleanup } : {}) });
const of = <K extends Effect["kind"]>(effects: readonly Effect[], kind: K) => effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);

describe("a silence that ended", () => {
  const incident = investigating();

  it("changes nothing while it lasts", () => {
    expect(run([incident], at("+19m"), OPEN)).toMatchObject({ decision: "backstop-idle", effects: [] });
  });

  it("is told, once, to each open incident it covered, and its file is proposed for removal", () => {
    const plan = run([incident], at("+21m"), OPEN);
    expect(plan.decision).toBe("backstop-acted");
    expect(plan.reason).toBe(`${ID}: told that a silence covering it ended; 1 expired silence(s) to remove`);
    expect(plan.effects.map((e) => e.kind)).toEqual(["record.write", "issue.update", "issue.comment", "branch.commit", "pr.upsert"]);
    const [write] = of(plan.effects, "record.write");
    expect(write?.record.timeline.at(-1)).toEqual({ at: at("+21m"), actor: "incident-as-code", kind: "note", text: `silence gateway-deploy ended at ${new Date(at("+20m")).toISOString()}: its alerts page again` });
    expect(of(plan.effects, "issue.comment")).toEqual([expect.objectContaining({ incidentId: ID, issue: 42, body: expect.stringMatching(/^The silence \*\*gateway-deploy\*\* \(owner dana-example: gateway deploy\), which covered alerts of this incident, ended at /) as unknown })]);
    expect(of(plan.effects, "branch.commit")).toEqual([{ kind: "branch.commit", branch: CLEANUP_BRANCH, base: "main", deletions: [FILE], message: "Remove expired silences: gateway-deploy", reason: `delete 1 expired silence(s) on ${CLEANUP_BRANCH}` }]);
    // The next pass reads the noted record: no second notice; the open pull request is updated.
    const again = run([write?.record ?? incident], at("+25m"), { ...OPEN, openPr: 9 });
    expect(again.effects.map((e) => e.kind)).toEqual(["branch.commit", "pr.upsert"]);
    expect(of(again.effects, "pr.upsert")[0]?.reason).toBe("update #9, which removes 1 expired silence(s)");
  });

  it("is not proposed for removal again once people closed that pull request, nor when the branch was not read", () => {
    const noted = of(run([incident], at("+21m"), OPEN).effects, "record.write")[0]?.record ?? incident;
    const declined = run([noted], at("+25m"), { ...OPEN, declined: [FILE] });
    expect(declined).toMatchObject({ decision: "backstop-idle", effects: [] });
    expect(declined.reason).toMatch(/closed without merging; not proposed again$/);
    expect(run([noted], at("+25m")).reason).toBe("1 expired silence(s) not proposed for removal: the cleanup branch was not read");
  });

  it("tells no incident it did not cover, nor one opened after it ended, nor one that is over", () => {
    const other = investigating({ alerts: [{ ...incident.alerts[0]!, labels: { alertname: "ServiceDown", service: "api" } }] });
    const later = investigating({ timestamps: { ...incident.timestamps, detected: at("+21m") } });
    const resolved = investigating({ status: "resolved", timestamps: { ...incident.timestamps, resolved: at("+10m") } });
    for (const r of [other, later, resolved]) expect(of(run([r], at("+22m")).effects, "issue.comment")).toEqual([]);
  });
});
