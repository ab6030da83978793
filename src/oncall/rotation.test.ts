import { describe, expect, it } from "vitest";
import { evaluate, indexOf, whoIsOnCall } from "./rotation.js";
import { coverageGaps } from "./coverage.js";
import { override, rotation } from "./testing.js";
import { parseWindows } from "./windows.js";

const DAY = 86_400_000;
const windows = (text: string) => {
  const r = parseWindows(text, "America/Los_Angeles");
  if (!r.ok) throw new Error(r.error);
  return r.windows;
};

describe("weekly handoff Monday 09:00 America/Los_Angeles across DST", () => {
  const r = rotation({ effectiveFrom: "2026-03-02T09:00:00-08:00", layers: [{ members: ["a", "b"] }] });
  it.each([
    ["the week before spring forward, PST", "2026-03-02T17:00:00Z", "a"],
    ["Monday 08:59 PDT, still a's week", "2026-03-09T15:59:00Z", "a"],
    ["Monday 09:00 PDT (16:00Z), handoff", "2026-03-09T16:00:00Z", "b"],
    ["same instant written in local time", "2026-03-09T09:00:00-07:00", "b"],
    ["Monday 08:59 PST after fall back", "2026-11-02T16:59:00Z", "a"],
    ["Monday 09:00 PST (17:00Z), handoff", "2026-11-02T17:00:00Z", "b"],
  ])("%s → %s", (_what, at, primary) => {
    expect(whoIsOnCall(r, at).primary).toBe(primary);
  });
});

describe("daily handoff at a local time that is skipped or repeated", () => {
  // 2026-03-08 02:30 does not exist in Los Angeles: luxon moves it to 03:30 PDT; a's shift runs on.
  const spring = rotation({ effectiveFrom: "2026-03-05T02:30:00-08:00", layers: [{ members: ["a", "b", "c"], shift: DAY, handoff: { weekday: null, time: "02:30" } }] });
  it.each([
    ["Mar 7 02:30 PST", "2026-03-07T10:30:00Z", "c"],
    ["Mar 8 03:00 PDT, the hour 02:00 vanished", "2026-03-08T10:00:00Z", "c"],
    ["Mar 8 03:29 PDT", "2026-03-08T10:29:00Z", "c"],
    ["Mar 8 03:30 PDT, the moved handoff", "2026-03-08T10:30:00Z", "a"],
    ["Mar 9 02:30 PDT, back on time", "2026-03-09T09:30:00Z", "b"],
  ])("%s → %s", (_what, at, primary) => {
    expect(whoIsOnCall(spring, at).primary).toBe(primary);
  });
  it("leaves no minute uncovered that week", () => {
    expect(coverageGaps(spring, Date.parse("2026-03-05T10:30:00Z"), Date.parse("2026-03-12T10:30:00Z"))).toEqual([]);
  });
  // 2026-11-01 01:30 happens twice; the handoff is at the first (PDT); the next shift lasts 25h.
  const fall = rotation({ effectiveFrom: "2026-10-30T01:30:00-07:00", layers: [{ members: ["a", "b", "c"], shift: DAY, handoff: { weekday: null, time: "01:30" } }] });
  it.each([
    ["00:59 PDT", "2026-11-01T07:59:00Z", "b"],
    ["first 01:30 (PDT)", "2026-11-01T08:30:00Z", "c"],
    ["second 01:30 (PST)", "2026-11-01T09:30:00Z", "c"],
    ["Nov 2 01:30 PST", "2026-11-02T09:30:00Z", "a"],
  ])("%s → %s", (_what, at, primary) => {
    expect(whoIsOnCall(fall, at).primary).toBe(primary);
  });
});

describe("overrides", () => {
  const base = { layers: [{ members: ["a", "b", "c"] }] };
  const week = ["2026-01-05T09:00:00-08:00", "2026-01-12T09:00:00-08:00"] as const;
  it.each([
    ["replaces whoever is on call", [override("2026-01-06T00:00:00-08:00", "2026-01-07T00:00:00-08:00", "c")], "2026-01-06T12:00:00-08:00", "c", "b"],
    ["end is exclusive", [override("2026-01-06T00:00:00-08:00", "2026-01-07T00:00:00-08:00", "c")], "2026-01-07T00:00:00-08:00", "a", "b"],
    ["replaces only the named person", [override(week[0], week[1], "c", { replaces: "b" })], "2026-01-06T12:00:00-08:00", "a", "b"],
    ["newest (listed later) wins", [override(week[0], week[1], "b"), override("2026-01-06T00:00:00-08:00", "2026-01-06T12:00:00-08:00", "c")], "2026-01-06T06:00:00-08:00", "c", "b"],
    ["older one applies outside the newer", [override(week[0], week[1], "b"), override("2026-01-06T00:00:00-08:00", "2026-01-06T12:00:00-08:00", "c")], "2026-01-06T18:00:00-08:00", "b", "c"],
    ["secondary role", [override(week[0], week[1], "c", { role: "secondary" })], "2026-01-06T12:00:00-08:00", "a", "c"],
  ])("%s", (_what, overrides, at, primary, secondary) => {
    const oc = whoIsOnCall(rotation({ ...base, overrides }), at);
    expect([oc.primary, oc.secondary]).toEqual([primary, secondary]);
  });
  it("says why", () => {
    const r = rotation({ ...base, overrides: [override("2026-01-06T00:00:00-08:00", "2026-01-07T00:00:00-08:00", "c", { replaces: "a" })] });
    expect(whoIsOnCall(r, "2026-01-06T12:00:00-08:00")).toEqual({
      primary: "c",
      secondary: "b",
      primaryFrom: "override",
      reasons: [
        'layer "layer1" shift from 2026-01-05 09:00 America/Los_Angeles: a',
        "override #1 (2026-01-06T00:00:00-08:00 to 2026-01-07T00:00:00-08:00): c is primary instead of a",
      ],
    });
  });
});

describe("layers, restrictions, availability, effective_from", () => {
  const r = rotation({
    layers: [
      { name: "business-hours", members: ["day1", "day2"], restrictions: windows("Mon-Fri 09:00-17:00") },
      { name: "24x7", members: ["night"] },
    ],
  });
  it.each([
    ["Monday 10:00: business layer, 24x7 as secondary", "2026-01-05T10:00:00-08:00", "day1", "night"],
    ["Monday 20:00: only 24x7 covers", "2026-01-05T20:00:00-08:00", "night", null],
    ["Saturday 10:00", "2026-01-10T10:00:00-08:00", "night", null],
    ["before effective_from: nobody", "2026-01-05T08:59:00-08:00", null, null],
  ])("%s", (_what, at, primary, secondary) => {
    const oc = whoIsOnCall(r, at);
    expect([oc.primary, oc.secondary]).toEqual([primary, secondary]);
  });

  it("skips members outside their availability to the next in order", () => {
    const c = rotation({
      layers: [{ members: ["alice", "bob", "charlie"] }],
      members: {
        alice: { expertise: [], senior: true, availability: windows("Mon-Wed 09:00-17:00 PST") },
        bob: { expertise: [], senior: false, availability: windows("Thu-Fri 09:00-17:00") },
        charlie: { expertise: [], senior: true, availability: windows("Weekends, After-hours") },
      },
    });
    // The second week's scheduled primary is bob; on Monday he is outside his window.
    expect(whoIsOnCall(c, "2026-01-12T10:00:00-08:00")).toEqual({
      primary: "alice",
      secondary: null,
      primaryFrom: "schedule",
      reasons: ['layer "layer1" shift from 2026-01-12 09:00 America/Los_Angeles: alice', "bob, charlie outside availability; next in order"],
    });
  });

  it("counts shifts that do not divide a day in elapsed time", () => {
    const r5 = rotation({ effectiveFrom: "2026-01-05T00:00:00Z", timeZone: "UTC", layers: [{ members: ["a", "b"], shift: 5 * 3_600_000, handoff: { weekday: null, time: "00:00" } }] });
    expect(["2026-01-05T04:59:00Z", "2026-01-05T05:00:00Z", "2026-01-05T10:00:00Z"].map((t) => whoIsOnCall(r5, t).primary)).toEqual(["a", "b", "a"]);
  });
});

describe("the cached answer equals a direct evaluation", () => {
  const r = rotation({
    layers: [
      { members: ["a", "b", "c"], restrictions: windows("Mon-Fri 08:00-18:00") },
      { members: ["x", "y"], shift: DAY, handoff: { weekday: null, time: "02:30" } },
    ],
    overrides: [override("2026-03-07T22:00:00-08:00", "2026-03-09T10:00:00-07:00", "c", { replaces: "x" })],
  });
  it("at 3,000 pseudo-random instants over a year", () => {
    const compiled = indexOf(r).compiled;
    let seed = 7;
    const start = Date.parse("2026-01-05T17:00:00Z");
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const ms = start + (seed % (365 * 1440)) * 60_000;
      expect(whoIsOnCall(r, ms)).toEqual(evaluate(compiled, ms));
    }
  });
});
