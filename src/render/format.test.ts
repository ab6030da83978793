import { describe, expect, it } from "vitest";
import { formatInstant } from "./format.js";

describe("formatInstant", () => {
  it.each([
    ["2026-11-27T17:05:00Z", "America/Los_Angeles", "2026-11-27 09:05 PST (17:05 UTC)"],
    ["2026-11-28T07:30:00Z", "America/Los_Angeles", "2026-11-27 23:30 PST (2026-11-28 07:30 UTC)"],
    ["2026-11-27T17:05:00Z", "UTC", "2026-11-27 17:05 UTC"],
    ["2026-07-01T08:00:00Z", "Asia/Kolkata", "2026-07-01 13:30 GMT+5:30 (08:00 UTC)"],
    ["not a time", "UTC", "not a time"],
  ])("%s in %s → %s", (iso, zone, out) => expect(formatInstant(iso, zone)).toBe(out));
});
