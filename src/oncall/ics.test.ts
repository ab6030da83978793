import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { rotationCalendar } from "./ics.js";
import { rotation } from "./testing.js";

describe("rotationCalendar", () => {
  const r = rotation({ effectiveFrom: "2026-03-02T09:00:00-08:00", layers: [{ members: ["alice-example", "bob-example"] }] });
  const text = rotationCalendar(r, "2026-03-02T17:00:00Z", 3);
  const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));

  it("parses with ical.js and has one event per weekly shift, handoffs at 09:00 Pacific across DST", () => {
    expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ["On call: alice-example (Test on-call)", "2026-03-02T17:00:00.000Z", "2026-03-09T16:00:00.000Z"],
      ["On call: bob-example (Test on-call)", "2026-03-09T16:00:00.000Z", "2026-03-16T16:00:00.000Z"],
      ["On call: alice-example (Test on-call)", "2026-03-16T16:00:00.000Z", "2026-03-23T16:00:00.000Z"],
    ]);
  });

  it("is deterministic: stable UIDs and DTSTAMP from the schedule, not the clock", () => {
    expect(rotationCalendar(r, "2026-03-02T17:00:00Z", 3)).toBe(text);
    expect(events[0]?.uid).toBe("test-oncall-2026-03-02T17:00:00Z@incident-as-code");
    expect(text).toContain("DTSTAMP:20260302T170000Z");
  });

  it("gives the shift in progress its real start, whenever the feed is built", () => {
    // Built on Thursday and on Sunday of alice's week: her shift still starts Monday 09:00, same UID.
    for (const built of ["2026-03-05T10:00:00Z", "2026-03-08T22:30:00Z"]) {
      const later = new ICAL.Component(ICAL.parse(rotationCalendar(r, built, 3)) as unknown[]).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
      expect([later[0]?.uid, later[0]?.startDate.toJSDate().toISOString(), later[0]?.summary]).toEqual(["test-oncall-2026-03-02T17:00:00Z@incident-as-code", "2026-03-02T17:00:00.000Z", "On call: alice-example (Test on-call)"]);
      // The last shift keeps its real end too, not the edge of the window.
      expect(later.at(-1)?.endDate.toJSDate().toISOString()).toBe("2026-03-30T16:00:00.000Z");
    }
  });

  it("follows a rotation's history: shifts before a change stay as they were", () => {
    const changed = rotation({
      effectiveFrom: "2026-03-16T09:00:00-07:00",
      layers: [{ members: ["carol-example", "alice-example", "bob-example"] }],
      history: [{ effectiveFrom: "2026-03-02T09:00:00-08:00", layers: r.layers, members: r.members }],
    });
    const feed = new ICAL.Component(ICAL.parse(rotationCalendar(changed, "2026-03-05T10:00:00Z", 3)) as unknown[]).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(feed.map((e) => [e.summary, e.startDate.toJSDate().toISOString()])).toEqual([
      ["On call: alice-example (Test on-call)", "2026-03-02T17:00:00.000Z"],
      ["On call: bob-example (Test on-call)", "2026-03-09T16:00:00.000Z"],
      ["On call: carol-example (Test on-call)", "2026-03-16T16:00:00.000Z"],
      ["On call: alice-example (Test on-call)", "2026-03-23T16:00:00.000Z"],
    ]);
  });

  it("writes UTC times, so no VTIMEZONE is needed", () => {
    expect(text).toContain("DTSTART:20260309T160000Z");
    expect(text).not.toMatch(/TZID/);
  });
});
