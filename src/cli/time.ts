// The one way the CLI reads a point in time (`--at`, `--since`, `--until`): ISO 8601. With `Z` or
// an offset it is that instant; without one it is read as UTC — the zone every record and alert is
// written in — never as the machine's local time. A bare date is 00:00 UTC that day. The calendar
// is checked (2026-02-30 is refused).
import { DateTime } from "luxon";
import { UsageError } from "./errors.js";

const SHAPE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Epoch milliseconds, or null when `text` is not such a time. */
export function parseCliTime(text: string): number | null {
  const t = text.trim().replace(" ", "T");
  if (!SHAPE.test(t)) return null;
  const at = DateTime.fromISO(t, { zone: "utc", setZone: false });
  return at.isValid ? at.toMillis() : null;
}

/** `parseCliTime` for a flag: a UsageError (exit 2) that shows the rule when the value is not a time. */
export function timeFlag(flag: string, value: string): number {
  const ms = parseCliTime(value);
  if (ms === null) throw new UsageError(`${flag} "${value}" is not a date-time: use ISO 8601, e.g. 2026-03-02T10:00:00Z or 2026-03-02T02:00:00-08:00 (without an offset it is read as UTC; a date alone is 00:00 UTC)`);
  return ms;
}
