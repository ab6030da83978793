import { describe, expect, it } from "vitest";
import type { TimeInterval } from "../config/alerting-types.js";
import { inTimeInterval, readTimeIntervalSpec, type RawTimeIntervalSpec } from "./time-intervals.js";

function interval(raw: RawTimeIntervalSpec): TimeInterval {
  const problems: string[] = [];
  const spec = readTimeIntervalSpec(raw, (path, message) => problems.push(`${path.join(".")}: ${message}`));
  expect(problems).toEqual([]);
  return { name: "t", specs: [spec], source: { file: "t.yaml", line: 1, column: 1 } };
}

// Cases as Alertmanager's timeinterval_test.go states them (instants with their UTC offsets).
describe("inTimeInterval (Alertmanager timeinterval)", () => {
  it.each<[string, RawTimeIntervalSpec, string[], string[]]>([
    ["empty: always", {}, ["2006-01-02T15:04:00Z", "2007-01-03T10:04:00Z"], []],
    ["9–17, Monday–Friday", { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"] }, ["2020-05-04T15:04:00Z", "2020-05-05T10:04:00Z", "2020-06-09T09:04:00Z"], ["2020-05-03T15:04:00Z", "2020-05-04T08:59:00Z", "2020-05-04T17:00:00Z"]],
    ["Easter 2020", { days_of_month: ["4:6"], months: ["april"], years: ["2020"] }, ["2020-04-04T15:04:00Z", "2020-04-05T00:00:00Z", "2020-04-06T23:05:00Z"], ["2018-05-03T15:04:00Z", "2020-04-03T23:59:00Z", "2020-06-04T23:59:00Z", "2019-04-06T23:59:00Z", "2020-04-07T00:00:00Z"]],
    ["last 3 days of the month", { days_of_month: ["-3:-1"] }, ["2020-01-31T15:04:00Z", "2020-01-29T15:04:00Z", "2020-06-30T00:00:00Z", "2020-02-29T23:05:00Z"], ["2020-01-27T15:04:00Z", "2020-03-01T00:00:00Z", "2020-04-03T23:59:00Z"]],
    ["Sydney business hours", { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"], location: "Australia/Sydney" }, ["2021-04-06T13:00:00+10:00"], ["2021-04-06T13:00:00Z"]],
    ["Sydney in daylight saving time", { times: [{ start_time: "09:00", end_time: "17:00" }], weekdays: ["monday:friday"], months: ["november"], location: "Australia/Sydney" }, ["2021-11-01T09:00:00+11:00", "2021-10-31T22:00:00Z"], ["2021-10-31T21:00:00Z"]],
    ["last day across a DST change", { days_of_month: ["-1"], location: "America/New_York" }, ["2021-03-31T12:00:00-04:00"], ["2021-03-30T12:00:00-04:00"]],
    ["24:00 ends the day", { times: [{ start_time: "22:00", end_time: "24:00" }] }, ["2026-03-02T23:59:00Z", "2026-03-02T22:00:00Z"], ["2026-03-02T21:59:00Z", "2026-03-03T00:00:00Z"]],
    ["names in any case, integers for days", { weekdays: ["Saturday", "SUNDAY"], days_of_month: [1, "15"] }, ["2026-03-15T12:00:00Z", "2026-08-01T12:00:00Z", "2026-03-01T12:00:00Z"], ["2026-03-02T12:00:00Z", "2026-03-14T12:00:00Z"]],
  ])("%s", (_name, raw, inside, outside) => {
    const t = interval(raw);
    for (const at of inside) expect(inTimeInterval(t, new Date(at)), at).toBe(true);
    for (const at of outside) expect(inTimeInterval(t, new Date(at)), at).toBe(false);
  });
});

// Alertmanager refuses -31:31 in YAML, but its evaluation clamps such ranges to the month.
it("clamps out-of-bound days to the month", () => {
  const t: TimeInterval = { name: "t", specs: [{ times: null, weekdays: null, daysOfMonth: [{ begin: -31, end: 31 }], months: [{ begin: 6, end: 6 }], years: null, location: null }], source: { file: "t.yaml", line: 1, column: 1 } };
  for (const at of ["2020-06-30T00:00:00Z", "2020-06-01T00:00:00Z"]) expect(inTimeInterval(t, new Date(at))).toBe(true);
  for (const at of ["2020-05-31T00:00:00Z", "2020-07-01T00:00:00Z"]) expect(inTimeInterval(t, new Date(at))).toBe(false);
});

describe("readTimeIntervalSpec refuses what Alertmanager refuses", () => {
  it.each<[RawTimeIntervalSpec, RegExp]>([
    [{ weekdays: ["friday:monday"] }, /start day cannot be before end day/],
    [{ weekdays: ["funday"] }, /funday is not a valid weekday/],
    [{ days_of_month: ["0"] }, /0 is not a valid day of the month/],
    [{ days_of_month: ["-32"] }, /not a valid day of the month/],
    [{ days_of_month: ["-1:5"] }, /end day must be negative if start day is negative/],
    [{ days_of_month: ["10:-25"] }, /always before start day/],
    [{ months: ["13"] }, /13 is not a valid month/],
    [{ months: ["december:january"] }, /end month 1 is before start month 12/],
    [{ years: ["2027:2026"] }, /end year 2026 is before start year 2027/],
    [{ times: [{ start_time: "17:00", end_time: "09:00" }] }, /start time cannot be equal or greater than end time/],
    [{ times: [{ start_time: "9:00", end_time: "17:00" }] }, /invalid format/],
    [{ times: [{ start_time: "09:00", end_time: "24:01" }] }, /invalid format/],
    [{ times: [{ start_time: "09:00" }] }, /both start and end times must be provided/],
    [{ weekdays: ["monday:tuesday:friday"] }, /invalid format/],
    [{ location: "Mars/Olympus" }, /unknown time zone/],
  ])("%j", (raw, message) => {
    const problems: string[] = [];
    readTimeIntervalSpec(raw, (_path, m) => problems.push(m));
    expect(problems).toEqual([expect.stringMatching(message)]);
  });
});
