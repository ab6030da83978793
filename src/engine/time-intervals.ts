// Alertmanager's time intervals (timeinterval/timeinterval.go): parsing the YAML forms into
// ranges, with Alertmanager's refusals, and whether an instant lies in an interval. Pure: the
// instant is an argument. Time zones go through luxon (IANA names, DST).
import { DateTime } from "luxon";
import type { IntRange, TimeInterval, TimeIntervalSpec } from "../config/alerting-types.js";

/** The raw YAML of one spec, as Alertmanager writes it. */
export interface RawTimeIntervalSpec {
  times?: { start_time?: string; end_time?: string }[];
  weekdays?: (string | number)[];
  days_of_month?: (string | number)[];
  months?: (string | number)[];
  years?: (string | number)[];
  location?: string;
}

const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTHS: Record<string, number> = { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 };
const TIME = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

type Problem = (path: (string | number)[], message: string) => void;

/**
 * One spec from YAML; every problem is reported with its path inside the spec (Alertmanager's
 * message where it has one) and the field is dropped. Ranges are `a` or `a:b`, names in any case.
 */
export function readTimeIntervalSpec(raw: RawTimeIntervalSpec, problem: Problem): TimeIntervalSpec {
  const ranges = (key: "weekdays" | "days_of_month" | "months" | "years", member: (s: string) => number | string, check: (r: IntRange, text: string) => string | null): IntRange[] | null => {
    const list = raw[key];
    if (list === undefined) return null;
    const out: IntRange[] = [];
    list.forEach((text, i) => {
      const parts = String(text).toLowerCase().split(":");
      if (parts.length > 2) return problem([key, i], `couldn't parse range ${text}, invalid format`);
      const values = parts.map(member);
      const bad = values.find((v) => typeof v === "string");
      if (bad !== undefined) return problem([key, i], bad);
      const r = { begin: values[0] as number, end: values[values.length - 1] as number };
      const why = check(r, String(text));
      if (why) return problem([key, i], why);
      out.push(r);
    });
    return out;
  };
  const int = (what: string) => (s: string): number | string => (/^[+-]?\d+$/.test(s) ? Number(s) : `${s} is not a valid ${what}`);
  const times =
    raw.times === undefined
      ? null
      : raw.times.flatMap((t, i) => {
          if (!t.start_time || !t.end_time) return problem(["times", i], "both start and end times must be provided"), [];
          const bad = [t.start_time, t.end_time].find((x) => !TIME.test(x));
          if (bad !== undefined) return problem(["times", i], `couldn't parse timestamp ${bad}, invalid format (HH:MM, 00:00 to 24:00)`), [];
          const [startMinute, endMinute] = [t.start_time, t.end_time].map(minutes) as [number, number];
          if (startMinute >= endMinute) return problem(["times", i], "start time cannot be equal or greater than end time"), [];
          return [{ startMinute, endMinute }];
        });
  const location = raw.location ?? null;
  if (location !== null && !DateTime.now().setZone(location).isValid) problem(["location"], `unknown time zone ${JSON.stringify(location)}: expected an IANA name such as Europe/Berlin or UTC`);
  return {
    times,
    weekdays: ranges("weekdays", (s) => WEEKDAYS[s] ?? `${s} is not a valid weekday`, (r) => (r.begin > r.end ? "start day cannot be before end day" : null)),
    daysOfMonth: ranges("days_of_month", int("day of the month"), dayRangeProblem),
    months: ranges("months", (s) => MONTHS[s] ?? (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 12 ? Number(s) : `${s} is not a valid month`), (r) => (r.begin > r.end ? `end month ${r.end} is before start month ${r.begin}` : null)),
    years: ranges("years", int("year"), (r) => (r.begin > r.end ? `end year ${r.end} is before start year ${r.begin}` : null)),
    location: location !== null && DateTime.now().setZone(location).isValid ? location : null,
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

function dayRangeProblem(r: IntRange): string | null {
  for (const d of [r.begin, r.end]) if (d === 0 || d < -31 || d > 31) return `${d} is not a valid day of the month: out of range`;
  if (r.begin < 0 && r.end > 0) return "end day must be negative if start day is negative";
  // Alertmanager checks the order against a 28-day month: what is always wrong, not what is wrong in some months.
  const b = r.begin < 0 ? 28 + r.begin : r.begin;
  const e = r.end < 0 ? 28 + r.end : r.end;
  return b > e ? `end day ${r.end} is always before start day ${r.begin}` : null;
}

/** Whether `at` lies in the interval: in any of its specs (Alertmanager's Intervener). */
export function inTimeInterval(interval: TimeInterval, at: Date): boolean {
  return interval.specs.some((s) => specContains(s, at));
}

/** Every field that is set must contain the instant, read in the spec's location (default UTC). */
export function specContains(spec: TimeIntervalSpec, at: Date): boolean {
  const t = DateTime.fromJSDate(at, { zone: spec.location ?? "UTC" });
  const inAny = (ranges: IntRange[] | null, v: number): boolean => ranges === null || ranges.some((r) => v >= r.begin && v <= r.end);
  if (spec.times !== null) {
    const m = t.hour * 60 + t.minute;
    if (!spec.times.some((r) => m >= r.startMinute && m < r.endMinute)) return false;
  }
  if (spec.daysOfMonth !== null) {
    const days = t.daysInMonth as number;
    const ok = spec.daysOfMonth.some((r) => {
      const begin = r.begin < 0 ? days + r.begin + 1 : r.begin;
      const end = r.end < 0 ? days + r.end + 1 : r.end;
      if (begin > days) return false; // a day this month does not have
      return t.day >= Math.max(begin, -days) && t.day <= Math.min(end, days);
    });
    if (!ok) return false;
  }
  return inAny(spec.months, t.month) && inAny(spec.weekdays, t.weekday % 7) && inAny(spec.years, t.year);
}
