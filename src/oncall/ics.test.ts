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

  it("is deterministic: stable UIDs and DTSTAMP from `from`, not the clock", () => {
    expect(rotationCalendar(r, "2026-03-02T17:00:00Z", 3)).toBe(text);
    expect(events[0]?.uid).toBe(`test-oncall-${Date.parse("2026-03-02T17:00:00Z")}@incident-as-code`);
    expect(text).toContain("DTSTAMP:20260302T170000Z");
  });

  it("writes UTC times, so no VTIMEZONE is needed", () => {
    expect(text).toContain("DTSTART:20260309T160000Z");
    expect(text).not.toMatch(/TZID/);
  });
});
