// Weekly time windows (layer restrictions and member availability): parsing the human strings the
// requirements use ("Mon-Wed 09:00-17:00 PST", "Weekends, After-hours"), and testing a local time
// against them. Windows are always read in the rotation's own IANA zone.
import type { Availability } from "../config/types.js";
import { isoWeekday, minuteOfDay } from "./zone.js";

export const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type DayName = (typeof DAY_NAMES)[number];
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
/** "After-hours" is everything on a weekday outside these business hours. */
export const BUSINESS_HOURS = { start: "09:00", end: "17:00" } as const;

/** Zone abbreviations people write, mapped to the IANA zones they mean. */
const ZONE_ALIASES: Record<string, string> = {
  pst: "America/Los_Angeles", pdt: "America/Los_Angeles", pt: "America/Los_Angeles", pacific: "America/Los_Angeles",
  est: "America/New_York", edt: "America/New_York", et: "America/New_York", eastern: "America/New_York",
  cst: "America/Chicago", cdt: "America/Chicago", mst: "America/Denver", mdt: "America/Denver",
  utc: "UTC", gmt: "UTC", z: "UTC",
};

/** 1-based ISO weekday from "mon", "Monday", "MON"…; null if not a day name. */
export function weekdayOf(name: string): number | null {
  const n = name.toLowerCase();
  if (n.length < 3) return null;
  const i = DAY_NAMES.findIndex((d) => d.startsWith(n));
  return i < 0 ? null : i + 1;
}

/** Minutes since midnight for "HH:MM" (00:00–24:00), or null. */
export function clockMinutes(text: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v > 24 * 60 ? null : v;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * Windows whose start is after their end run overnight into the next day; they are split so that
 * every Availability has start < end on one day.
 */
export function window(days: number[], start: number, end: number): Availability[] {
  const clock = formatMinutes;
  if (start < end) return [{ days, start: clock(start), end: clock(end) }];
  const next = days.map((d) => (d % 7) + 1);
  return [
    ...(start < 24 * 60 ? [{ days, start: clock(start), end: "24:00" }] : []),
    ...(end > 0 ? [{ days: next, start: "00:00", end: clock(end) }] : []),
  ];
}

function parseDays(text: string): number[] | null {
  const t = text.toLowerCase();
  if (t === "daily" || t === "every day" || t === "always") return ALL_DAYS;
  if (t === "weekdays") return WEEKDAYS;
  if (t === "weekends" || t === "weekend") return WEEKEND;
  const range = /^([a-z]+)\s*-\s*([a-z]+)$/.exec(t);
  if (range) {
    const a = weekdayOf(range[1] ?? "");
    const b = weekdayOf(range[2] ?? "");
    if (a === null || b === null) return null;
    const days: number[] = [];
    for (let d = a; ; d = (d % 7) + 1) {
      days.push(d);
      if (d === b) break;
    }
    return days;
  }
  const one = weekdayOf(t);
  return one === null ? null : [one];
}

export type ParseResult = { ok: true; windows: Availability[] } | { ok: false; error: string };

const SYNTAX =
  'write e.g. "Mon-Wed 09:00-17:00", "Weekends", "Weekdays", "After-hours", "Business hours" or "Daily 22:00-06:00", comma-separated';

/** Parse one availability/restriction string, in the rotation's zone `zone`. */
export function parseWindows(text: string, zone: string): ParseResult {
  const out: Availability[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim().replace(/\s+/g, " ");
    const lower = part.toLowerCase();
    if (lower === "after-hours" || lower === "after hours" || lower === "out of hours") {
      const s = clockMinutes(BUSINESS_HOURS.start) ?? 0;
      const e = clockMinutes(BUSINESS_HOURS.end) ?? 0;
      out.push(...window(WEEKDAYS, 0, s), ...window(WEEKDAYS, e, 24 * 60));
      continue;
    }
    if (lower === "business hours") {
      out.push(...window(WEEKDAYS, clockMinutes(BUSINESS_HOURS.start) ?? 0, clockMinutes(BUSINESS_HOURS.end) ?? 0));
      continue;
    }
    const m = /^(?:(.*?)\s+)?(\d\d:\d\d)\s*-\s*(\d\d:\d\d)(?:\s+(\S+))?$/.exec(part);
    if (!m) {
      const days = parseDays(part);
      if (!days) return { ok: false, error: `cannot read "${part}": ${SYNTAX}` };
      out.push(...window(days, 0, 24 * 60));
      continue;
    }
    const days = m[1] === undefined ? ALL_DAYS : parseDays(m[1]);
    if (!days) return { ok: false, error: `cannot read the days "${m[1] ?? ""}" in "${part}": ${SYNTAX}` };
    const start = clockMinutes(m[2] ?? "");
    const end = clockMinutes(m[3] ?? "");
    if (start === null || end === null || start === 24 * 60) {
      return { ok: false, error: `"${part}" has a time that is not HH:MM between 00:00 and 24:00` };
    }
    if (start === end) return { ok: false, error: `"${part}" is an empty window (start equals end)` };
    if (m[4] !== undefined) {
      const named = ZONE_ALIASES[m[4].toLowerCase()] ?? m[4];
      if (named !== zone) {
        return { ok: false, error: `"${part}" is written in ${m[4]} but the rotation's time zone is ${zone}: write times in ${zone}` };
      }
    }
    out.push(...window(days, start, end));
  }
  return { ok: true, windows: out };
}

/** A window compiled for fast tests: a weekday bitmask and minutes since midnight. */
export interface CompiledWindow {
  mask: number;
  start: number;
  end: number;
}

export function compileWindows(windows: readonly Availability[]): CompiledWindow[] {
  return windows.map((w) => ({
    mask: w.days.reduce((m, d) => m | (1 << d), 0),
    start: clockMinutes(w.start) ?? 0,
    end: clockMinutes(w.end) ?? 24 * 60,
  }));
}

/** True when the local time falls in any window; no windows means always. */
export function inWindows(windows: readonly CompiledWindow[], local: number): boolean {
  if (windows.length === 0) return true;
  const bit = 1 << isoWeekday(local);
  const min = minuteOfDay(local);
  return windows.some((w) => (w.mask & bit) !== 0 && min >= w.start && min < w.end);
}

export function describeWindows(windows: readonly Availability[]): string {
  const short = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return windows.map((w) => `${w.days.map((d) => short[d - 1]).join("/")} ${w.start}-${w.end}`).join(", ");
}
