// Time-zone arithmetic for the on-call core. Every UTC offset comes from luxon's IANA zone (the
// tz database via Intl); we never write an offset by hand. What this module adds is speed and
// determinism: offsets are looked up once per week and cached (asking Intl costs ~10-25 µs), and
// wall-clock readings are turned into instants with fixed rules for skipped and repeated times.
import { DateTime, IANAZone } from "luxon";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Anything a caller may pass as a point in time. Strings are ISO 8601 with an offset or `Z`. */
export type Instant = DateTime | Date | string | number;

export function isValidZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Epoch milliseconds, or null when the input is not a valid point in time. */
export function instantMs(at: Instant): number | null {
  if (typeof at === "number") return Number.isFinite(at) ? at : null;
  if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at.getTime();
  if (typeof at === "string") {
    const dt = DateTime.fromISO(at, { setZone: true });
    return dt.isValid ? dt.toMillis() : null;
  }
  return at.isValid ? at.toMillis() : null;
}

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** ISO 8601 in the given zone, e.g. 2026-03-09T09:00:00-07:00. */
export function isoIn(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? isoUtc(ms);
}

/**
 * "Local ms": a wall-clock reading in a zone written as if it were UTC epoch milliseconds.
 * Day, weekday and minute-of-day arithmetic on it is plain integer arithmetic.
 */
export const localDay = (local: number): number => Math.floor(local / DAY);
export const isoWeekday = (local: number): number => ((localDay(local) + 3) % 7 + 7) % 7 + 1;
export const minuteOfDay = (local: number): number => Math.floor((local - localDay(local) * DAY) / MINUTE);

const WEEK = 7 * DAY;

interface Block {
  offset: number; // minutes, at the start of the block
  transitionAt: number | null; // first instant with the new offset, if the offset changes in the block
  after: number;
}

export interface ZoneClock {
  readonly zone: string;
  offsetMinutes(ms: number): number;
  toLocal(ms: number): number;
  /**
   * The instant of a wall-clock reading. A reading skipped by a spring-forward change moves
   * forward by the gap (02:30 → 03:30); a reading that happens twice means the first one.
   * (These are Temporal's "compatible" rules. We do not call luxon's fromObject here: for
   * repeated readings its answer depends on the offset of the real current date.)
   */
  toInstant(local: number): number;
}

const clocks = new Map<string, ZoneClock>();

export function zoneClock(zone: string): ZoneClock {
  const known = clocks.get(zone);
  if (known) return known;
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new Error(`unknown IANA time zone "${zone}"`);
  const starts = new Map<number, number>();
  const blocks = new Map<number, Block>();
  // Offsets change at most once a week in every real zone, so one lookup per week suffices,
  // plus a binary search in the two weeks a year that hold a change.
  const startOffset = (block: number): number => {
    let o = starts.get(block);
    if (o === undefined) starts.set(block, (o = tz.offset(block * WEEK)));
    return o;
  };
  const blockOf = (block: number): Block => {
    let b = blocks.get(block);
    if (b) return b;
    const start = startOffset(block);
    const end = startOffset(block + 1);
    let lo = block * WEEK;
    let hi = lo + WEEK;
    if (start !== end) {
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (tz.offset(mid) === start) lo = mid;
        else hi = mid;
      }
    }
    b = { offset: start, transitionAt: start === end ? null : hi, after: end };
    if (blocks.size > 10_000) {
      blocks.clear();
      starts.clear();
    }
    blocks.set(block, b);
    return b;
  };
  // Callers walk forward through time, so most questions fall in the week asked about last.
  let lastBlock = NaN;
  let last: Block | null = null;
  const offsetMinutes = (ms: number): number => {
    const block = Math.floor(ms / WEEK);
    const b = block === lastBlock && last !== null ? last : (last = blockOf((lastBlock = block)));
    return b.transitionAt !== null && ms >= b.transitionAt ? b.after : b.offset;
  };
  const clock: ZoneClock = {
    zone,
    offsetMinutes,
    toLocal: (ms) => ms + offsetMinutes(ms) * MINUTE,
    toInstant(local) {
      const before = offsetMinutes(local - DAY);
      const after = offsetMinutes(local + DAY);
      const t1 = local - before * MINUTE;
      if (before === after) return t1;
      const t2 = local - after * MINUTE;
      const ok1 = offsetMinutes(t1) === before;
      const ok2 = offsetMinutes(t2) === after;
      if (ok1 && ok2) return Math.min(t1, t2); // repeated reading: the first
      if (ok1) return t1;
      if (ok2) return t2;
      return t1; // skipped reading: t1 is past the change and reads `local` + the gap
    },
  };
  clocks.set(zone, clock);
  return clock;
}

/** Local ms for a calendar date and "HH:MM" minutes. */
export function localOf(year: number, month: number, day: number, minutes: number): number {
  return Date.UTC(year, month - 1, day) + minutes * MINUTE;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "2026-03-09 09:00" for a local-ms reading. */
export function formatLocal(local: number): string {
  const d = new Date(local);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** ISO 8601 date or date-time as epoch ms; without an offset it is a wall-clock reading in `zone`. */
export function parseInstant(text: string, zone: string): number | null {
  const t = text.trim();
  if (t.includes("T") && /(?:Z|[+-]\d\d(?::?\d\d)?)$/i.test(t)) {
    const dt = DateTime.fromISO(t, { setZone: true });
    return dt.isValid ? dt.toMillis() : null;
  }
  const wall = DateTime.fromISO(t, { zone: "utc" });
  return wall.isValid ? zoneClock(zone).toInstant(wall.toMillis()) : null;
}
