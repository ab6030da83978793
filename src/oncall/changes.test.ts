import { describe, expect, it } from "vitest";
import { nextHandoffAfter, rewriteMessage, rotationRewrites, shiftRewrite } from "./changes.js";
import { whoIsOnCall } from "./rotation.js";
import { override, rotation } from "./testing.js";

// Weekly Monday 09:00 America/Los_Angeles from 2026-01-05: a, b, c, a, … Week of 2026-03-02 is
// week 8 → c (8 mod 3 = 2); the next handoff is Monday 2026-03-09 09:00 PDT.
const before = rotation({ id: "api-oncall", layers: [{ members: ["a", "b", "c"] }] });
const WEDNESDAY = Date.parse("2026-03-04T10:00:00-08:00");
const NEXT = Date.parse("2026-03-09T09:00:00-07:00");
const added = rotation({ id: "api-oncall", layers: [{ members: ["a", "b", "c", "d"] }] });

describe("changes that rewrite started shifts", () => {
  it("finds the end of the shift in progress", () => {
    expect(nextHandoffAfter(before, WEDNESDAY)).toBe(NEXT);
    expect(nextHandoffAfter(before, Date.parse("2025-12-01T00:00:00Z"))).toBe(Date.parse("2025-12-01T00:00:00Z"));
  });

  it("refuses adding a member when it moves the current primary mid-shift", () => {
    expect(whoIsOnCall(before, WEDNESDAY).primary).toBe("c");
    expect(whoIsOnCall(added, WEDNESDAY).primary).toBe("a"); // 8 mod 4 = 0: the whole history shifts
    const r = shiftRewrite(before, added, WEDNESDAY);
    // The first difference is weeks earlier: in week 2 (c's) the secondary, next in order, changed.
    expect(r).toMatchObject({ rotation: "api-oncall", nextHandoff: NEXT, before: { primary: "c", secondary: "a" }, after: { primary: "c", secondary: "d" } });
    expect(r?.at).toBe(Date.parse("2026-01-19T09:00:00-08:00"));
    expect(rewriteMessage(r!, added, "HEAD")).toBe(
      "rotation `api-oncall`: this change rewrites a shift that had already started (compared with HEAD): at 2026-01-19 09:00 America/Los_Angeles the secondary would be d instead of a. " +
        'Shifts before the next handoff (2026-03-09 09:00 America/Los_Angeles) must stay as they were: keep the previous schedule under `history` and set effective_from: "2026-03-09T09:00:00-07:00" (`incident validate --fix` does both), or add an override for the change you want now',
    );
  });

  it("accepts the same change effective from the next handoff, which changes nobody's current shift", () => {
    const deferred = rotation({
      id: "api-oncall",
      effectiveFrom: "2026-03-09T09:00:00-07:00",
      layers: [{ members: ["a", "b", "c", "d"] }],
      history: [{ effectiveFrom: before.effectiveFrom, layers: before.layers, members: before.members }],
    });
    expect(shiftRewrite(before, deferred, WEDNESDAY)).toBeNull();
    for (const t of ["2026-01-05T09:00:00-08:00", "2026-02-11T03:00:00-08:00", "2026-03-04T10:00:00-08:00", "2026-03-09T08:59:00-07:00"]) {
      expect(whoIsOnCall(deferred, t)).toMatchObject({ primary: whoIsOnCall(before, t).primary, secondary: whoIsOnCall(before, t).secondary });
    }
    // From the handoff the new schedule counts from its own start: a, b, c, d.
    expect(["2026-03-09T09:00:00-07:00", "2026-03-16T09:00:00-07:00", "2026-03-30T09:00:00-07:00"].map((t) => whoIsOnCall(deferred, t).primary)).toEqual(["a", "b", "d"]);
    expect(whoIsOnCall(deferred, "2026-03-09T10:00:00-07:00").reasons[0]).toBe('schedule of 2026-03-09T09:00:00-07:00: layer "layer1" shift from 2026-03-09 09:00 America/Los_Angeles: a');
    expect(whoIsOnCall(deferred, "2026-03-04T10:00:00-08:00").reasons[0]).toMatch(/^schedule of 2026-01-05T09:00:00-08:00 \(until 2026-03-09T09:00:00-07:00\): layer/);
  });

  it("accepts an explicit override for the change wanted now, and nothing else", () => {
    const now = rotation({ id: "api-oncall", layers: [{ members: ["a", "b", "c"] }], overrides: [override("2026-03-04T10:00:00-08:00", "2026-03-09T09:00:00-07:00", "b")] });
    expect(shiftRewrite(before, now, WEDNESDAY)).toBeNull();
    expect(whoIsOnCall(now, WEDNESDAY + 1).primary).toBe("b");
    // Removing an override that covered a past shift rewrites it.
    const withPast = rotation({ id: "api-oncall", layers: [{ members: ["a", "b", "c"] }], overrides: [override("2026-02-02T09:00:00-08:00", "2026-02-03T09:00:00-08:00", "c")] });
    expect(shiftRewrite(withPast, before, WEDNESDAY)).toMatchObject({ at: Date.parse("2026-02-02T09:00:00-08:00"), before: { primary: "c" }, after: { primary: "b" } });
  });

  it("ignores changes made before the rotation started, new rotations and unchanged ones", () => {
    expect(shiftRewrite(before, added, Date.parse("2026-01-01T00:00:00Z"))).toBeNull();
    expect(rotationRewrites({}, { "api-oncall": added }, WEDNESDAY)).toEqual([]);
    expect(rotationRewrites({ "api-oncall": before }, { "api-oncall": { ...before, name: "Renamed" } }, WEDNESDAY)).toEqual([]);
    expect(rotationRewrites({ "api-oncall": before }, { "api-oncall": added }, WEDNESDAY)).toHaveLength(1);
  });

  it.each([
    ["the order", ["b", "a", "c"]],
    ["the handoff", null],
  ])("refuses changing %s mid-shift", (_, members) => {
    const changed = members
      ? rotation({ id: "api-oncall", layers: [{ members }] })
      : rotation({ id: "api-oncall", layers: [{ members: ["a", "b", "c"], handoff: { weekday: 3, time: "09:00" } }] });
    expect(shiftRewrite(before, changed, WEDNESDAY)).not.toBeNull();
  });
});
