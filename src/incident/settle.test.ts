// record.settle: the record learns what GitHub answered, in one more commit.
import { describe, expect, it } from "vitest";
import { at, investigating, onCall, policies, record } from "./incident.test-helpers.js";
import { settleRecord } from "./settle.js";

const ctx = { policies, onCall, now: at("+1m") };
const unlinked = record({ links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: "9", claim: "claim-key-0001" } });

describe("settleRecord", () => {
  it("links the issue issue.create opened; the issue already shows the record as written", () => {
    const s = settleRecord(unlinked, { issue: { number: 5, written: unlinked } }, ctx);
    expect(s.record?.links).toMatchObject({ issue: 5, claim: "claim-key-0001" });
    expect(s.effects.map((e) => e.kind)).toEqual(["record.write"]);
    expect(s.conflict).toBeNull();
  });

  it("brings the issue up to date when other runs changed the record after it was rendered", () => {
    const changed = { ...unlinked, alerts: [...unlinked.alerts, { ...unlinked.alerts[0]!, fingerprint: "f2" }] };
    const s = settleRecord(changed, { issue: { number: 5, written: unlinked } }, ctx);
    expect(s.effects.map((e) => e.kind)).toEqual(["record.write", "issue.update"]);
    expect(s.effects[1]).toMatchObject({ issue: 5, title: "[P0] API high error rate", labels: expect.arrayContaining(["incident", "severity:P0"]) as unknown });
  });

  it("a refused assignee's note joins the timeline, and the issue just linked is brought up to date with it", () => {
    const s = settleRecord(unlinked, { issue: { number: 5, written: unlinked }, refusedAssignees: ["left-the-org"] }, ctx);
    expect(s.record?.timeline.at(-1)).toMatchObject({ kind: "note", text: "left-the-org could not be assigned: not assignable in this repository" });
    expect(s.effects.map((e) => e.kind)).toEqual(["record.write", "issue.update"]);
    expect(s.effects[1]?.kind === "issue.update" && s.effects[1].body).toContain("left-the-org could not be assigned");
  });

  it("never links a second issue: one incident, one issue", () => {
    const s = settleRecord(record(), { issue: { number: 99, written: null } }, ctx);
    expect(s.record).toBeNull();
    expect(s.conflict).toBe("2026-12-01-001 is linked to #42 already; #99 was not linked (one incident, one issue)");
  });

  it("marks the timer armed, and notifications with their outcome and one more attempt", () => {
    const r = investigating({ timer: { at: at("+30m"), armed: false }, notifications: [{ key: "k1", event: "acknowledge", channel: "slack-incidents", status: "pending", at: at("+2m"), attempts: 0 }] });
    const s = settleRecord(r, { timer: at("+30m"), notifications: { k1: "no-sender" } }, ctx);
    expect(s.record?.timer).toEqual({ at: at("+30m"), armed: true });
    expect(s.record?.notifications).toEqual([{ key: "k1", event: "acknowledge", channel: "slack-incidents", status: "no-sender", at: at("+1m"), attempts: 1 }]);
  });

  it("a timer for a deadline that moved on since is not marked", () => {
    const r = investigating({ timer: { at: at("+40m"), armed: false } });
    expect(settleRecord(r, { timer: at("+30m") }, ctx).record).toBeNull();
  });

  it("records who GitHub would not assign, in the timeline", () => {
    const s = settleRecord(record(), { refusedAssignees: ["gone-user"] }, ctx);
    expect(s.record?.timeline.at(-1)).toEqual({ at: at("+1m"), actor: "incident-as-code", kind: "note", text: "gone-user could not be assigned: not assignable in this repository" });
  });
});
